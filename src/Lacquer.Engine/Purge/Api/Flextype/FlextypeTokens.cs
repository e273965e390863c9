// The configured Flextype tokens at run time, with their call counters (kept in memory: a restart starts
// them at zero). The presented token's SHA-256 is compared with every entry's in constant time, visiting
// all entries whatever matches; the access token likewise (invariant 6). Counting is atomic, so concurrent
// calls cannot overrun limitCalls.
using Lacquer.Configuration;
using Lacquer.Security;

namespace Lacquer.Purge.Api.Flextype;

internal sealed class FlextypeTokens(IReadOnlyList<FlextypeTokenSettings> tokens)
{
    private readonly long[] _calls = new long[tokens.Count];

    /// <param name="token">The presented token.</param>
    /// <param name="accessToken">The presented access token.</param>
    /// <param name="index">The matched entry's position in compat:flextype:tokens, or -1.</param>
    public FlextypeVerdict Check(string token, string accessToken, out int index)
    {
        index = Find(token);
        if (index < 0)
        {
            return FlextypeVerdict.UnknownToken;
        }

        var entry = tokens[index];
        if (!entry.Enabled || OverLimit(entry, Volatile.Read(ref _calls[index])))
        {
            return FlextypeVerdict.Refused;
        }

        if (!SecretHash.Matches(accessToken, entry.AccessTokenSha256))
        {
            return FlextypeVerdict.WrongAccessToken;
        }

        return TryCount(index, entry) ? FlextypeVerdict.Accepted : FlextypeVerdict.Refused;
    }

    private int Find(string token)
    {
        var presented = SecretHash.Of(token);
        var found = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(presented, tokens[i].TokenSha256))
            {
                found = i;
            }
        }

        return found;
    }

    private bool TryCount(int index, FlextypeTokenSettings entry)
    {
        while (true)
        {
            var calls = Volatile.Read(ref _calls[index]);
            if (OverLimit(entry, calls))
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _calls[index], calls + 1, calls) == calls)
            {
                return true;
            }
        }
    }

    private static bool OverLimit(FlextypeTokenSettings entry, long calls) => entry.LimitCalls != 0 && calls >= entry.LimitCalls;
}
