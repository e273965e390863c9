namespace Lacquer.Caching.Semantics;

/// <summary>Whether a stored response may answer a request (RFC 9111 §4), with the reason when it may not.</summary>
internal enum ReuseDecision
{
    /// <summary>Fresh, and the request's directives accept it (§4.2).</summary>
    Fresh,

    /// <summary>Stale, but the request's max-stale accepts it and nothing forbids serving it stale (§4.2.4, §5.2.1.2).</summary>
    StaleAccepted,

    /// <summary>Stale, within the response's stale-while-revalidate window: serve it and revalidate in the background (RFC 5861 §3).</summary>
    StaleWhileRevalidate,

    /// <summary>Stale (expired or soft-purged): must be validated first (§4.3).</summary>
    Stale,

    /// <summary>Fresh, but the request's max-age or min-fresh asks for a fresher one (§5.2.1.1, §5.2.1.3).</summary>
    TooOldForRequest,

    /// <summary>The request's no-cache (or Pragma: no-cache) asks for validation (§5.2.1.4, §5.4).</summary>
    RequestNoCache,
}
