// Checks a presented secret against a configured SHA-256 (invariant 6): the presented value is hashed and
// compared with CryptographicOperations.FixedTimeEquals, so timing says nothing about how much matched.
using System.Security.Cryptography;
using System.Text;

namespace Lacquer.Security;

internal static class SecretHash
{
    public static byte[] Of(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Matches(string presented, byte[] expectedSha256) =>
        CryptographicOperations.FixedTimeEquals(Of(presented), expectedSha256);
}
