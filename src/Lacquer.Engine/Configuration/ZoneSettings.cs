namespace Lacquer.Configuration;

/// <summary>
/// One zone as configured. <see cref="Id"/> and <see cref="Hosts"/> are lower-cased; <see cref="Name"/>
/// keeps its spelling (names compare case-insensitively). Per-zone TTL and timeout values are already
/// resolved against the global <see cref="CacheSettings"/> defaults.
/// </summary>
internal sealed record ZoneSettings(
    string Name,
    string Id,
    IReadOnlyList<string> Hosts,
    Uri Origin,
    IReadOnlyList<string> CacheKeyHeaders,
    IReadOnlyList<TagHeaderSettings> TagHeaders,
    TimeSpan DefaultTtl,
    TimeSpan MaxHeuristicTtl,
    bool CacheSetCookie,
    TimeSpan OriginTimeout)
{
    /// <summary>
    /// How long past its freshness a stored response may be served when the origin fails (unreachable, timeout,
    /// invalid response, 500/502/503/504) and the response said nothing (no stale-if-error); 0 = never.
    /// </summary>
    public TimeSpan ServeStaleOnError { get; init; } = DefaultServeStaleOnError;

    /// <summary>One day: an origin outage is bridged with the stored copies, as CDNs and Varnish's grace do by default.</summary>
    public static readonly TimeSpan DefaultServeStaleOnError = TimeSpan.FromDays(1);

    /// <summary>Whether a client's Cache-Control: no-cache makes Lacquer revalidate (the RFC, default) or is ignored (CDN practice).</summary>
    public bool HonorClientNoCache { get; init; } = true;

    /// <summary>Targeted cache-control fields (RFC 9213), highest precedence first; default CDN-Cache-Control.</summary>
    public IReadOnlyList<string> TargetedCacheControl { get; init; } = DefaultTargetedCacheControl;

    /// <summary>"http" or "https": every key of the zone has this scheme, whatever the request said; null: the scheme the client used.</summary>
    public string? Scheme { get; init; }

    /// <summary>Remove the targeted fields from responses to clients.</summary>
    public bool StripTargetedCacheControl { get; init; }

    /// <summary>Range specs one Range field may hold before the full response is sent (resolved against <c>cache.maxRanges</c>).</summary>
    public int MaxRanges { get; init; } = Caching.Semantics.ByteRanges.DefaultMaxRanges;

    /// <summary>Vary variants kept per key; a new one beyond it evicts the oldest (resolved against <c>cache.maxVariants</c>).</summary>
    public int MaxVariants { get; init; } = CacheSettings.DefaultMaxVariants;

    /// <summary>The zone's origins and how they are reached; null: the single <see cref="Origin"/> with the defaults.</summary>
    public OriginPoolSettings? Pool { get; init; }

    /// <summary>The origin pool in force: <see cref="Pool"/>, or one made of <see cref="Origin"/>.</summary>
    public OriginPoolSettings OriginPool => Pool ?? OriginPoolSettings.Single(Origin);

    /// <summary>How long an upgraded connection (a WebSocket) may carry nothing either way before it is closed.</summary>
    public TimeSpan UpgradeIdleTimeout { get; init; } = DefaultUpgradeIdleTimeout;

    public static readonly TimeSpan DefaultUpgradeIdleTimeout = TimeSpan.FromMinutes(2);

    public static readonly IReadOnlyList<string> DefaultTargetedCacheControl = ["CDN-Cache-Control"];
}
