// Owns: where a freshness lifetime came from (RFC 9111 §4.2.1 explicit, §4.2.2 heuristic).
namespace Lacquer.Caching.Semantics;

internal enum FreshnessSource
{
    /// <summary>No explicit freshness and no heuristic applies: the lifetime is zero.</summary>
    None,

    /// <summary>Response <c>s-maxage</c> (§5.2.2.10), which a shared cache prefers.</summary>
    SMaxAge,

    /// <summary>Response <c>max-age</c> (§5.2.2.1).</summary>
    MaxAge,

    /// <summary><c>Expires</c> minus <c>Date</c> (§5.3); an unparsable Expires gives zero.</summary>
    Expires,

    /// <summary>10% of Date minus Last-Modified, capped (§4.2.2).</summary>
    Heuristic,

    /// <summary>The zone's default TTL, used as the heuristic when Last-Modified is unusable (§4.2.2).</summary>
    DefaultTtl,

    /// <summary>The winning directive was present but invalid: consider the response stale (§4.2.1).</summary>
    Invalid,
}
