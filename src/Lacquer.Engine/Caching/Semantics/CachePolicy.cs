// Owns: the zone policy knobs the RFC 9111 rules consult. Defaults follow the RFC strictly:
// no Set-Cookie responses in the shared cache, no default TTL, heuristics capped at one day.
namespace Lacquer.Caching.Semantics;

/// <param name="CacheSetCookie">Store responses that carry Set-Cookie (off by default: they are usually per-user).</param>
/// <param name="DefaultTtl">
/// Lifetime for a heuristically cacheable response with no explicit freshness and no usable
/// Last-Modified; zero disables it (RFC 9111 §4.2.2 leaves the heuristic to the cache).
/// </param>
/// <param name="MaxHeuristicTtl">Cap on the Last-Modified heuristic (RFC 9111 §4.2.2).</param>
internal sealed record CachePolicy(bool CacheSetCookie, TimeSpan DefaultTtl, TimeSpan MaxHeuristicTtl)
{
    public static CachePolicy Default { get; } = new(false, TimeSpan.Zero, TimeSpan.FromDays(1));
}
