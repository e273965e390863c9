namespace Lacquer.Configuration;

/// <summary>
/// The certificates the https proxy listeners serve (<c>tls:certificates</c>), chosen per connection by the
/// server name the client asks for (SNI). <see cref="Default"/> answers every other name, and clients that send none.
/// </summary>
internal sealed record TlsSettings(IReadOnlyList<CertificateSettings> Certificates)
{
    public static readonly TlsSettings None = new([]);

    /// <summary>The certificate without hosts, else the first; null when there are none.</summary>
    public CertificateSettings? Default =>
        Certificates.FirstOrDefault(certificate => certificate.Hosts.Count == 0) ?? (Certificates.Count > 0 ? Certificates[0] : null);

    public bool SameAs(TlsSettings other) =>
        Certificates.Count == other.Certificates.Count
        && Certificates.Zip(other.Certificates).All(pair => pair.First.SameAs(pair.Second));
}

/// <summary>
/// One certificate: the PEM files of the certificate (its chain after it) and of its private key, both as full
/// paths, and the host names (lower-case; <c>*.example.com</c> covers one label) it is served for.
/// </summary>
internal sealed record CertificateSettings(IReadOnlyList<string> Hosts, string Certificate, string Key)
{
    public bool SameAs(CertificateSettings other) =>
        Certificate == other.Certificate && Key == other.Key && Hosts.SequenceEqual(other.Hosts, StringComparer.Ordinal);
}
