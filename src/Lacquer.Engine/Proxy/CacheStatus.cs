// The Cache-Status response field (RFC 9211), Lacquer's member:
//   hit                                  -> "Lacquer; hit"
//   forwarded and stored                 -> "Lacquer; fwd=miss; stored; ttl=60"
//   forwarded, not stored                -> "Lacquer; fwd=miss; detail=response-no-store"
// fwd is one of RFC 9211's values: miss, stale, vary-miss, request (the client asked to bypass), method.
using System.Globalization;
using Lacquer.Caching.Semantics;

namespace Lacquer.Proxy;

internal static class CacheStatus
{
    public const string HeaderName = "Cache-Status";
    public const string Hit = "Lacquer; hit";
    public const string Method = "Lacquer; fwd=method";

    /// <summary>The cluster lease ran out: forwarded without looking at the cache (RFC 9211 §2.2, fwd=bypass).</summary>
    public const string Bypass = "Lacquer; fwd=bypass; detail=cluster-lease";

    /// <summary>Served stale because the request's max-stale accepted it (RFC 9111 §5.2.1.2).</summary>
    public const string StaleHit = "Lacquer; hit; detail=stale";

    /// <summary>Served stale while one background revalidation runs (RFC 5861 §3).</summary>
    public const string StaleWhileRevalidate = "Lacquer; hit; detail=stale-while-revalidate";

    /// <summary>The origin failed; the stored copy was served stale (RFC 5861 §4 or the zone's serveStaleOnError).</summary>
    public const string StaleIfError = "Lacquer; hit; detail=stale-if-error";

    /// <summary>only-if-cached and nothing stored would do (RFC 9111 §5.2.1.7).</summary>
    public const string OnlyIfCached = "Lacquer; detail=only-if-cached";

    /// <summary>An upgrade refused, not forwarded: its client has maxUpgradesPerClient upgraded connections open.</summary>
    public const string UpgradeClientLimit = "Lacquer; detail=upgrade-client-limit";

    /// <summary>An upgrade refused, not forwarded: maxUpgrades upgraded connections are open from all clients.</summary>
    public const string UpgradeLimit = "Lacquer; detail=upgrade-limit";

    /// <summary>The last stored member made, per forward reason (Stored).</summary>
    private static readonly StoredMember?[] LastStored = new StoredMember?[8];

    public static string Stored(ForwardReason reason, TimeSpan ttl)
    {
        // Every miss stores with a member like this one, and a site's responses mostly share a handful of TTLs:
        // the last text made for each reason is kept and reused while the TTL is the same (a benign race: two
        // misses may both make it).
        var seconds = (long)Math.Max(0, ttl.TotalSeconds);
        var slot = (int)reason < LastStored.Length ? (int)reason : 0;
        if (LastStored[slot] is { } last && last.Reason == reason && last.Seconds == seconds)
        {
            return last.Text;
        }

        var text = string.Concat("Lacquer; fwd=", Token(reason), "; stored; ttl=", seconds.ToString(CultureInfo.InvariantCulture));
        LastStored[slot] = new StoredMember(reason, seconds, text);
        return text;
    }

    public static string NotStored(ForwardReason reason, NotStoredReason detail) =>
        string.Concat("Lacquer; fwd=", Token(reason), "; detail=", NotStoredReasons.Detail(detail));

    /// <summary>A stale entry revalidated with a 304 and stored again.</summary>
    public static string Revalidated(ForwardReason reason, TimeSpan ttl) => string.Concat(
        "Lacquer; fwd=", Token(reason), "; fwd-status=304; stored; ttl=", ((long)Math.Max(0, ttl.TotalSeconds)).ToString(CultureInfo.InvariantCulture));

    /// <summary>A stale entry revalidated with a 304 that could not be stored again (now uncacheable, or purged meanwhile).</summary>
    public static string RevalidatedNotStored(ForwardReason reason, NotStoredReason detail) => string.Concat(
        "Lacquer; fwd=", Token(reason), "; fwd-status=304; detail=", detail == NotStoredReason.None ? "purged" : NotStoredReasons.Detail(detail));

    public static string Failed(ForwardReason reason, string detail) =>
        string.Concat("Lacquer; fwd=", Token(reason), "; detail=", detail);

    private static string Token(ForwardReason reason) => reason switch
    {
        ForwardReason.Stale => "stale",
        ForwardReason.VaryMiss => "vary-miss",
        ForwardReason.Request => "request",
        ForwardReason.Method => "method",
        ForwardReason.Upgrade => "upgrade",
        ForwardReason.Bypass => "bypass",
        _ => "miss",
    };

    private sealed record StoredMember(ForwardReason Reason, long Seconds, string Text);
}
