namespace Lacquer.Configuration;

/// <summary>
/// <c>metrics</c>: Prometheus exposition at the admin listener's <c>/metrics</c> is always on; OTLP push is
/// on when <see cref="Otlp"/> names a collector endpoint.
/// </summary>
internal sealed record MetricsSettings(Uri? Otlp, string OtlpProtocol, TimeSpan OtlpInterval)
{
    public const string Grpc = "grpc";

    public const string HttpProtobuf = "http/protobuf";

    public static readonly TimeSpan DefaultOtlpInterval = TimeSpan.FromSeconds(15);

    public static MetricsSettings Default { get; } = new(null, Grpc, DefaultOtlpInterval);
}
