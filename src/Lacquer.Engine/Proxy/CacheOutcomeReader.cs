// Owns: reading a request's CacheOutcome back from the Cache-Status member Lacquer wrote for it
// (CacheStatus.cs owns that member's format). The Cache-Status field is the one place where every path of
// the proxy records what it did, so reading it once at the end of a request counts every outcome exactly
// once without touching each path. The common case, a plain hit, is the CacheStatus.Hit literal itself and
// is recognised by reference; other members are matched by their parameters (RFC 9211 §2).
using Lacquer.Diagnostics;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Proxy;

internal static class CacheOutcomeReader
{
    /// <summary>The outcome named by the last Cache-Status member, which is Lacquer's own when it wrote one.</summary>
    public static CacheOutcome Of(StringValues cacheStatus) =>
        cacheStatus.Count == 0 ? CacheOutcome.None : Of(cacheStatus[cacheStatus.Count - 1]);

    public static CacheOutcome Of(string? member)
    {
        if (ReferenceEquals(member, CacheStatus.Hit))
        {
            return CacheOutcome.Hit;
        }

        if (member is null || !member.StartsWith("Lacquer;", StringComparison.Ordinal))
        {
            return CacheOutcome.None;
        }

        if (member.Contains("; hit", StringComparison.Ordinal))
        {
            return member.Contains("detail=stale", StringComparison.Ordinal) ? CacheOutcome.Stale : CacheOutcome.Hit;
        }

        if (!member.Contains("fwd=", StringComparison.Ordinal))
        {
            return CacheOutcome.None;
        }

        if (member.Contains("fwd-status=304", StringComparison.Ordinal))
        {
            return CacheOutcome.Revalidated;
        }

        if (member.Contains("detail=origin-", StringComparison.Ordinal))
        {
            return CacheOutcome.Error;
        }

        return member.Contains("; stored", StringComparison.Ordinal) ? CacheOutcome.Miss : CacheOutcome.Pass;
    }
}
