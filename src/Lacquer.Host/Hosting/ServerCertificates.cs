// Chooses the certificate of an https proxy connection from the server name the client asked for in its TLS
// handshake (SNI, RFC 6066 §3): a certificate listing that host, else one listing "*." and the name's parent
// domain (one label, as certificate wildcards match), else the default — the certificate without hosts, or the
// first. The options leave ALPN (RFC 7301) unset, so Kestrel offers the listener's protocols: HTTP/2 first, then
// HTTP/1.1 (RFC 9113 §3.2), with renegotiation off as HTTP/2 requires.
using System.Collections.Frozen;
using System.Net.Security;
using Lacquer.Configuration;
using Microsoft.Extensions.Logging;

namespace Lacquer.Hosting;

internal sealed class ServerCertificates
{
    private readonly FrozenDictionary<string, CertificateFiles> _byHost;
    private readonly CertificateFiles _default;

    private ServerCertificates(IReadOnlyList<CertificateFiles> files, CertificateFiles fallback)
    {
        Files = files;
        _default = fallback;
        var byHost = new Dictionary<string, CertificateFiles>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            foreach (var host in file.Settings.Hosts)
            {
                byHost.TryAdd(host, file);
            }
        }

        _byHost = byHost.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<CertificateFiles> Files { get; }

    /// <summary>Loads every certificate of <paramref name="settings"/>; null when there are none.</summary>
    public static ServerCertificates? Load(TlsSettings settings, TimeProvider time, ILogger logger)
    {
        if (settings.Default is not { } fallback)
        {
            return null;
        }

        var files = settings.Certificates.Select(certificate => CertificateFiles.Load(certificate, time, logger)).ToList();
        return new ServerCertificates(files, files[settings.Certificates.ToList().IndexOf(fallback)]);
    }

    /// <summary>The certificate files serving <paramref name="serverName"/> (null or empty: the client sent none).</summary>
    public CertificateFiles For(string? serverName)
    {
        if (string.IsNullOrEmpty(serverName))
        {
            return _default;
        }

        var name = serverName.TrimEnd('.');
        if (_byHost.TryGetValue(name, out var exact))
        {
            return exact;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && _byHost.TryGetValue(string.Concat("*", name.AsSpan(dot)), out var wildcard) ? wildcard : _default;
    }

    /// <summary>The TLS options of one handshake.</summary>
    public SslServerAuthenticationOptions OptionsFor(string? serverName) => new()
    {
        ServerCertificateContext = For(serverName).Current,
    };
}
