namespace Lacquer.Configuration;

/// <summary>
/// Reads <c>metrics</c>: <c>otlp</c> (an absolute http or https URL of an OTLP collector; absent = no push),
/// <c>otlpProtocol</c> (<c>grpc</c>, the default, or <c>http/protobuf</c>) and <c>otlpInterval</c> (1s–1h, default 15s).
/// </summary>
internal static class MetricsSettingsReader
{
    private static readonly string[] Keys = ["otlp", "otlpProtocol", "otlpInterval"];

    public static MetricsSettings Read(ObjectReader root)
    {
        var metrics = root.Object("metrics", Keys);
        Uri? otlp = null;
        var otlpNode = metrics.Node("otlp");
        if (otlpNode.TryReadText(metrics.Errors, required: false, out var url))
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps) && parsed.Host.Length > 0)
            {
                otlp = parsed;
            }
            else
            {
                metrics.Errors.Add(new(otlpNode.Path, $"must be an absolute http or https URL such as http://127.0.0.1:4317 (found {ObjectReader.Quote(url)})"));
            }
        }

        var protocol = MetricsSettings.Grpc;
        var protocolNode = metrics.Node("otlpProtocol");
        if (protocolNode.TryReadText(metrics.Errors, required: false, out var protocolText))
        {
            if (protocolText is MetricsSettings.Grpc or MetricsSettings.HttpProtobuf)
            {
                protocol = protocolText;
            }
            else
            {
                metrics.Errors.Add(new(protocolNode.Path, $"must be grpc or http/protobuf (found {ObjectReader.Quote(protocolText)})"));
            }
        }

        var interval = metrics.Duration("otlpInterval", MetricsSettings.DefaultOtlpInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        return new MetricsSettings(otlp, protocol, interval);
    }
}
