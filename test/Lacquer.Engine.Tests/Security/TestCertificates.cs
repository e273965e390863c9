// Certificates made at test time (no private key is ever committed): a self-signed ECDSA P-256 server
// certificate for the given names, written as a PEM certificate file and a PEM (PKCS#8) key file in a temporary
// directory that is deleted with the object. Shared by the engine's configuration tests and the listener tests.
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lacquer.Security;

internal sealed class TestCertificates : IDisposable
{
    private readonly DirectoryInfo _directory = System.IO.Directory.CreateTempSubdirectory("lacquer-tls-");

    public string Directory => _directory.FullName;

    /// <summary>Makes a certificate for <paramref name="names"/> (its subject is CN=<paramref name="commonName"/>) and writes both files.</summary>
    /// <returns>The two files' paths: <c>STEM.crt.pem</c> and <c>STEM.key.pem</c>.</returns>
    public (string Certificate, string Key) Write(string stem, string commonName, params string[] names)
    {
        var paths = Paths(stem);
        var (certificate, key) = Make(commonName, names);
        File.WriteAllText(paths.Certificate, certificate);
        File.WriteAllText(paths.Key, key);
        return paths;
    }

    /// <summary>A file in the directory with the given text (garbage, half a file, a key of another certificate).</summary>
    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public (string Certificate, string Key) Paths(string stem) =>
        (Path.Combine(Directory, stem + ".crt.pem"), Path.Combine(Directory, stem + ".key.pem"));

    /// <summary>A new certificate and key as PEM text.</summary>
    public static (string Certificate, string Key) Make(string commonName, params string[] names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
