// Loads a TLS server certificate from two PEM files: the certificate file (the server's certificate first,
// then any intermediates, each a "CERTIFICATE" block) and the key file (one PKCS#8, RSA or EC private key
// block). The same loader checks the files when the configuration is read and loads them when the listener
// starts or a file changes, so a file that passed the check is read the same way later. A problem is described
// by which file is at fault and why, never with the file's content: a key file holds a secret.
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lacquer.Configuration;

internal sealed class PemCertificate : IDisposable
{
    /// <summary>The larger of the two files allowed: PEM chains are a few KiB; anything bigger is not one.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    private PemCertificate(X509Certificate2 leaf, X509Certificate2Collection intermediates)
    {
        Leaf = leaf;
        Intermediates = intermediates;
    }

    /// <summary>The server's certificate, with its private key.</summary>
    public X509Certificate2 Leaf { get; }

    /// <summary>The certificates after the first in the certificate file, sent with it so that clients can build the chain.</summary>
    public X509Certificate2Collection Intermediates { get; }

    /// <summary>Which of the two files a load failed on.</summary>
    public enum Fault
    {
        None,
        Certificate,
        Key,
    }

    /// <summary>Loads the pair; on failure <paramref name="problem"/> says why, and <paramref name="fault"/> which file.</summary>
    public static PemCertificate? TryLoad(string certificatePath, string keyPath, out Fault fault, out string problem)
    {
        fault = Fault.Certificate;
        if (!TryReadText(certificatePath, out var certificateText, out problem))
        {
            return null;
        }

        var chain = new X509Certificate2Collection();
        try
        {
            chain.ImportFromPem(certificateText);
        }
        catch (CryptographicException)
        {
            Dispose(chain);
            problem = $"{certificatePath}: a CERTIFICATE block could not be decoded";
            return null;
        }

        if (chain.Count == 0)
        {
            problem = $"{certificatePath}: no PEM certificate (a -----BEGIN CERTIFICATE----- block) found";
            return null;
        }

        fault = Fault.Key;
        if (!TryReadText(keyPath, out var keyText, out problem))
        {
            Dispose(chain);
            return null;
        }

        var leaf = chain[0];
        X509Certificate2? withKey = null;
        try
        {
            withKey = WithKey(leaf, keyText, keyPath, out problem);
        }
        finally
        {
            // The collection's certificates other than the leaf are handed on; the leaf is replaced by its copy with the key.
            leaf.Dispose();
        }

        if (withKey is null)
        {
            for (var i = 1; i < chain.Count; i++)
            {
                chain[i].Dispose();
            }

            return null;
        }

        var intermediates = new X509Certificate2Collection();
        for (var i = 1; i < chain.Count; i++)
        {
            intermediates.Add(chain[i]);
        }

        fault = Fault.None;
        problem = string.Empty;
        return new PemCertificate(withKey, intermediates);
    }

    public void Dispose()
    {
        Leaf.Dispose();
        Dispose(Intermediates);
    }

    private static X509Certificate2? WithKey(X509Certificate2 leaf, string keyText, string keyPath, out string problem)
    {
        problem = string.Empty;
        using AsymmetricAlgorithm? key = leaf.GetKeyAlgorithm() switch
        {
            "1.2.840.113549.1.1.1" => RSA.Create(),
            "1.2.840.10045.2.1" => ECDsa.Create(),
            _ => null,
        };
        if (key is null)
        {
            problem = $"{keyPath}: the certificate's key type is not supported (use an RSA or ECDSA certificate)";
            return null;
        }

        try
        {
            key.ImportFromPem(keyText);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            // ImportFromPem's messages describe the PEM structure, not its bytes; they are still not repeated.
            problem = $"{keyPath}: no usable {(key is RSA ? "RSA" : "EC")} private key (an unencrypted -----BEGIN PRIVATE KEY----- block) found";
            return null;
        }

        try
        {
            var copy = key is RSA rsa ? leaf.CopyWithPrivateKey(rsa) : leaf.CopyWithPrivateKey((ECDsa)key);

            // Windows' TLS stack cannot use an ephemeral key; a PKCS#12 round trip gives it a persisted one.
            if (OperatingSystem.IsWindows())
            {
                using (copy)
                {
                    return X509CertificateLoader.LoadPkcs12(copy.Export(X509ContentType.Pkcs12), null);
                }
            }

            return copy;
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            problem = $"{keyPath}: the private key does not match the certificate's public key";
            return null;
        }
    }

    private static bool TryReadText(string path, out string text, out string problem)
    {
        text = string.Empty;
        problem = string.Empty;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                problem = $"{path}: file not found";
                return false;
            }

            if (info.Length > MaxFileBytes)
            {
                problem = $"{path}: {info.Length} bytes is too large for a PEM file";
                return false;
            }

            text = File.ReadAllText(path);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            problem = $"{path}: cannot be read ({exception.GetType().Name})";
            return false;
        }
    }

    private static void Dispose(X509Certificate2Collection certificates)
    {
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }
}
