// Bodies for byte-exact checks: deterministic, non-repeating at any short period, so that a dropped,
// duplicated or reordered block shows up as a mismatch, and a mismatch reports where it starts.
using System.Security.Cryptography;

namespace Lacquer.Harness;

internal static class Bodies
{
    public static byte[] Pattern(int length, uint seed = 1)
    {
        var bytes = new byte[length];
        var state = seed;
        for (var i = 0; i < bytes.Length; i++)
        {
            state = (state * 1_664_525) + 1_013_904_223;
            bytes[i] = (byte)(state >> 24);
        }

        return bytes;
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Fails with the first differing offset rather than dumping megabytes.</summary>
    public static void AssertSame(byte[] expected, byte[] actual)
    {
        Assert.True(expected.Length == actual.Length, $"Expected {expected.Length} bytes, got {actual.Length}.");
        var mismatch = expected.AsSpan().CommonPrefixLength(actual);
        Assert.True(mismatch == expected.Length, $"The bodies differ from byte {mismatch} on.");
    }
}
