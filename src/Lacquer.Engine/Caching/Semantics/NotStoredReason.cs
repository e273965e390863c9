// Owns: every reason a response is not stored. Each value names a log event, a counter label and the
// Cache-Status detail token (RFC 9211 §2.8), see NotStoredReasons.Detail. Add, never renumber.
namespace Lacquer.Caching.Semantics;

internal enum NotStoredReason
{
    /// <summary>Storable.</summary>
    None,

    /// <summary>The method is not one this cache stores (GET, HEAD; RFC 9111 §3, RFC 9110 §9.2.3).</summary>
    MethodNotCacheable,

    /// <summary>A 1xx interim response (RFC 9111 §3: the status must be final).</summary>
    StatusNotFinal,

    /// <summary>
    /// 206 and 304 are not complete responses to store (RFC 9111 §3.3, §4.3.4); also a status outside
    /// 100..599, or must-understand with a status whose caching rules we do not know (§5.2.2.3).
    /// </summary>
    StatusNotStorable,

    /// <summary>Request <c>no-store</c> (RFC 9111 §5.2.1.5).</summary>
    RequestNoStore,

    /// <summary>Response <c>no-store</c> (RFC 9111 §5.2.2.5).</summary>
    ResponseNoStore,

    /// <summary>Response <c>private</c>, qualified or not; we are a shared cache (RFC 9111 §5.2.2.7).</summary>
    ResponsePrivate,

    /// <summary>Response <c>no-cache</c> (RFC 9111 §5.2.2.4) without a validator to revalidate it with, or that §3 does not let be stored.</summary>
    ResponseNoCache,

    /// <summary>Request had Authorization and the response has no public, s-maxage or must-revalidate (RFC 9111 §3.5).</summary>
    AuthorizationWithoutPermission,

    /// <summary>Response sets a cookie and the zone does not allow storing those (policy, RFC 9111 §7.3).</summary>
    SetCookieNotAllowed,

    /// <summary><c>Vary: *</c> never matches a later request (RFC 9111 §4.1).</summary>
    VaryStar,

    /// <summary>The freshness lifetime is zero: no explicit freshness and no heuristic, or already expired (RFC 9111 §4.2).</summary>
    NoFreshnessLifetime,

    /// <summary>The explicit freshness directive is invalid, so the response is stale (RFC 9111 §4.2.1).</summary>
    InvalidFreshness,

    /// <summary>The body exceeds the zone's object size limit (decided by the store, not by Storability).</summary>
    ObjectTooLarge,

    /// <summary>The origin broke off or stalled in the body of a storable response: the fill failed, nothing is stored.</summary>
    OriginBodyBroken,

    /// <summary>A hard purge that ran while the response was being fetched covers it, so it is refused at insert.</summary>
    PurgedDuringFill,

    /// <summary>The store failed on the insert; the response was served, not stored.</summary>
    StoreFault,
}
