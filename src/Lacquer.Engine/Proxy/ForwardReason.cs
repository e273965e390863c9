namespace Lacquer.Proxy;

/// <summary>Why a request went to the origin (RFC 9211 fwd parameter).</summary>
internal enum ForwardReason
{
    /// <summary>Nothing stored under the key.</summary>
    Miss,

    /// <summary>A stored response exists but is stale.</summary>
    Stale,

    /// <summary>Variants exist under the key, none for this request's Vary values.</summary>
    VaryMiss,

    /// <summary>The request asked not to be served from cache (no-cache, Pragma: no-cache).</summary>
    Request,

    /// <summary>The method is not served from cache.</summary>
    Method,

    /// <summary>The request asks to switch protocols (a WebSocket): relayed, never cached.</summary>
    Upgrade,

    /// <summary>This node may not serve from its cache now: its cluster lease ran out (docs/cluster.md). Nothing is stored either.</summary>
    Bypass,
}
