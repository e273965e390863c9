// Owns: what this cache knows about status codes (RFC 9110 §15): which are final, which are
// heuristically cacheable (§15.1) and which it "understands" for must-understand (RFC 9111 §5.2.2.3).
namespace Lacquer.Caching.Semantics;

internal static class StatusSemantics
{
    /// <summary>RFC 9110 §15: values outside 100..599 are not HTTP status codes.</summary>
    public static bool IsValid(int status) => status is >= 100 and <= 599;

    /// <summary>RFC 9110 §15.2: 1xx responses are interim.</summary>
    public static bool IsInterim(int status) => status is >= 100 and <= 199;

    /// <summary>
    /// Statuses whose responses never carry content to the client: 1xx, 204 and 304 end with their header section
    /// (RFC 9112 §6.3, RFC 9110 §6.4.1), and a 205 must not have content (RFC 9110 §15.3.6).
    /// </summary>
    public static bool HasNoContent(int status) => status is < 200 or 204 or 205 or 304;

    /// <summary>RFC 5861 §4: the origin errors a stored response may stand in for (500, 502, 503, 504).</summary>
    public static bool IsServerError(int status) => status is 500 or 502 or 503 or 504;

    /// <summary>RFC 9110 §15.1: "heuristically cacheable" by default.</summary>
    public static bool IsHeuristicallyCacheable(int status) =>
        status is 200 or 203 or 204 or 206 or 300 or 301 or 308 or 404 or 405 or 410 or 414 or 501;

    /// <summary>
    /// The final status codes defined by RFC 9110 §15.3-§15.6, whose caching requirements this cache
    /// implements (any of them is storable with explicit freshness). 206 and 304 are excluded: their
    /// requirements (combining partial content, freshening) are not implemented by storing.
    /// </summary>
    public static bool IsUnderstood(int status) => status is
        200 or 201 or 202 or 203 or 204 or 205
        or 300 or 301 or 302 or 303 or 305 or 307 or 308
        or (>= 400 and <= 417) or 421 or 422 or 426
        or (>= 500 and <= 505);
}
