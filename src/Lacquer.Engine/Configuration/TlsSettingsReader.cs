
namespace Lacquer.Configuration;

/// <summary>
/// Reads <c>tls</c>: <c>certificates</c>, a list of <c>{ "hosts": [...], "certificate": FILE, "key": FILE }</c>.
/// Each pair of PEM files is loaded here, as the listener will load it, so that a missing file, a file that is not
/// PEM or a key that does not match its certificate is a configuration error naming the file (never its content).
/// Hosts are host names in their canonical form, or <c>*.</c> and a name (one more label, as in a certificate);
/// a host may be listed once in all. At most one certificate leaves out <c>hosts</c>: it is the default, served for
/// any other name; without one, the first certificate is.
/// </summary>
internal static class TlsSettingsReader
{
    public const string Key = "tls";

    private static readonly string[] Keys = ["certificates"];

    private static readonly string[] CertificateKeys = ["hosts", "certificate", "key"];

    /// <param name="listed">Whether any certificate is listed at all, valid or not (an https listener needs one).</param>
    public static TlsSettings Read(ObjectReader root, out bool listed)
    {
        var tls = root.Object(Key, Keys);
        var errors = tls.Errors;
        var node = tls.Node("certificates");
        listed = false;
        if (!node.TryReadItems(errors, out var items))
        {
            return TlsSettings.None;
        }

        listed = items.Count > 0;
        var certificates = new List<CertificateSettings>(items.Count);
        var hostPaths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? defaultPath = null;
        foreach (var item in items)
        {
            var entry = ObjectReader.ForObject(item, CertificateKeys, errors);
            var errorsBefore = errors.Count;
            var hostsNode = entry.Node("hosts");
            var hosts = StringListReader.Read(hostsNode, errors, requiredMessage: null, CheckHost, claim: (host, path) =>
            {
                if (hostPaths.TryGetValue(host, out var first))
                {
                    errors.Add(new(path, $"{ObjectReader.Quote(host)} already has a certificate (at {first})"));
                    return false;
                }

                hostPaths[host] = path;
                return true;
            });
            if (hostsNode.Shape is NodeShape.Missing or NodeShape.Empty || (hostsNode.Shape == NodeShape.Array && hosts.Count == 0 && errors.Count == errorsBefore))
            {
                if (defaultPath is not null)
                {
                    errors.Add(new(hostsNode.Path, $"is required: only one certificate may leave out hosts, the default (also at {defaultPath})"));
                }

                defaultPath ??= item.Path;
            }

            var certificate = ReadFile(entry.Node("certificate"), errors);
            var key = ReadFile(entry.Node("key"), errors);
            if (errors.Count > errorsBefore || certificate is null || key is null)
            {
                continue;
            }

            using var loaded = PemCertificate.TryLoad(certificate, key, out var fault, out var problem);
            if (loaded is null)
            {
                errors.Add(new(entry.Node(fault == PemCertificate.Fault.Key ? "key" : "certificate").Path, problem));
                continue;
            }

            certificates.Add(new CertificateSettings(hosts, certificate, key));
        }

        return new TlsSettings(certificates);
    }

    /// <summary>The file's full path (relative to the working directory), or null when missing (reported) or empty.</summary>
    private static string? ReadFile(ConfigNode node, List<ConfigError> errors)
    {
        if (!node.TryReadText(errors, required: true, out var text))
        {
            return null;
        }

        try
        {
            return Path.GetFullPath(text);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            errors.Add(new(node.Path, $"is not a usable file path (found {ObjectReader.Quote(text)})"));
            return null;
        }
    }

    private static (string? Value, string Problem) CheckHost(string text)
    {
        var wildcard = text.StartsWith("*.", StringComparison.Ordinal);
        var host = HostNames.Normalize(wildcard ? text[2..] : text, out var problem);
        return host is null
            ? (null, $"{problem}; a certificate's host is a name such as www.example.com or *.example.com (found {ObjectReader.Quote(text)})")
            : (wildcard ? "*." + host : host, string.Empty);
    }
}
