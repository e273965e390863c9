using System.Security.Cryptography;
using System.Text;

namespace Lacquer.Configuration;

/// <summary>
/// Credentials that the emulated systems publish as their defaults or documentation examples. A surface
/// guarded by one of them is as open as one without authentication, so the <c>compat</c> reader refuses
/// them off loopback. Compared by SHA-256, because configured secrets are kept only as their hash.
/// </summary>
internal static class PublishedSecrets
{
    private static readonly byte[][] Hashes =
    [
        Hash(CrafterSettings.DefaultManagementToken),

        // Flextype's documented cache token and access token.
        Hash("efe1e36e4d60fcd547e22eb9f795dff9"),
    ];

    public static bool Contains(byte[]? sha256) =>
        sha256 is not null && Hashes.Any(hash => hash.AsSpan().SequenceEqual(sha256));

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
