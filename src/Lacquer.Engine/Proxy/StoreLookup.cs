// What a lookup found for a request, decided and not yet acted on (RFC 9111 §4): a stored response to serve,
// or the reason to go to the origin with the stored response to revalidate, if any. A value, so the lookup
// stays a pure decision and the pipeline acts on it in one place (serving, or the miss path); a struct, so a
// hit allocates nothing for it.
using Lacquer.Caching.Semantics;
using Lacquer.Caching.Store;

namespace Lacquer.Proxy;

/// <param name="Entry">The stored variant that matches the request, or null when there is none.</param>
/// <param name="Decision">Whether <paramref name="Entry"/> may be reused; null when there is no entry.</param>
/// <param name="Reason">Why the request goes to the origin when the entry is not served (RFC 9211 fwd).</param>
/// <param name="Now">The time the decision was made at, which the served Age is computed from.</param>
internal readonly record struct StoreLookup(CacheEntry? Entry, ReuseDecision? Decision, ForwardReason Reason, DateTimeOffset Now)
{
    /// <summary>Nothing stored will do: <paramref name="reason"/> says why.</summary>
    public static StoreLookup Miss(ForwardReason reason) => new(null, null, reason, default);

    /// <summary>The entry is served: fresh, or stale where both the response and the request allow it.</summary>
    public bool Serves => Decision is ReuseDecision.Fresh or ReuseDecision.StaleAccepted or ReuseDecision.StaleWhileRevalidate;

    /// <summary>The stored response a trip to the origin may revalidate, or serve should the origin fail.</summary>
    public CacheEntry? Stale => Serves ? null : Entry;
}
