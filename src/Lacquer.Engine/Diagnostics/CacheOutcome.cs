namespace Lacquer.Diagnostics;

/// <summary>
/// What the cache did for one request, as the <c>cache_status</c> label of the request metrics and the
/// <c>cache</c> field of the request log. Values index arrays: add at the end, never renumber.
/// </summary>
internal enum CacheOutcome
{
    /// <summary>No caching decision: no zone for the host, only-if-cached with nothing stored, or the client left first.</summary>
    None,

    /// <summary>A fresh stored response was served.</summary>
    Hit,

    /// <summary>A stale stored response was served (stale-while-revalidate, max-stale, stale-if-error).</summary>
    Stale,

    /// <summary>Forwarded to the origin and the response was stored.</summary>
    Miss,

    /// <summary>A stored response was revalidated with the origin (304).</summary>
    Revalidated,

    /// <summary>Forwarded to the origin and not stored: the method, or the response was not storable.</summary>
    Pass,

    /// <summary>The origin failed and nothing stored could stand in: 502 or 504.</summary>
    Error,

    /// <summary>A <c>PURGE</c> request.</summary>
    Purge,
}
