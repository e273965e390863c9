// The runtime model of one zone: a named site with its hosts, its origin and its cache policy.
// Built once from validated ZoneSettings; no property changes afterwards. The one mutable thing it points at is
// its request counters (ZoneCounters), which a configuration reload hands on to the Zone built for the same id.
// What the store keeps for the zone (indexes, purge fences, what it holds) is the store's own, kept by the zone's
// id (CacheStore.ZoneCache), so the Zone a reload builds finds the entries stored under its predecessor.
using Lacquer.Caching.Semantics;
using Lacquer.Caching.Tags;
using Lacquer.Configuration;

namespace Lacquer.Zones;

internal sealed class Zone
{
    /// <param name="settings">The validated zone.</param>
    /// <param name="requestSchemes">The schemes requests can arrive with: http, and https when a trusted proxy may
    /// state it (or, later, a TLS listener exists). A zone with a fixed scheme keys only that one.</param>
    /// <param name="counters">The request counters of the zone this one replaces (same id); null: new ones at zero.</param>
    public Zone(ZoneSettings settings, IReadOnlyList<string>? requestSchemes = null, ZoneCounters? counters = null)
    {
        Counters = counters ?? new ZoneCounters();
        Scheme = settings.Scheme;
        KeySchemes = settings.Scheme is { } fixedScheme ? [fixedScheme] : requestSchemes ?? [SiteAddress.Http];
        Name = settings.Name;
        Id = settings.Id;
        Hosts = settings.Hosts;
        Origin = settings.Origin;
        OriginPool = settings.OriginPool;
        UpgradeIdleTimeout = settings.UpgradeIdleTimeout;
        CacheKeyHeaders = [.. settings.CacheKeyHeaders];
        TagHeaders = new TagHeaderSet(settings.TagHeaders);
        Policy = new CachePolicy(settings.CacheSetCookie, settings.DefaultTtl, settings.MaxHeuristicTtl);
        OriginTimeout = settings.OriginTimeout;
        ServeStaleOnError = settings.ServeStaleOnError;
        HonorClientNoCache = settings.HonorClientNoCache;
        TargetedCacheControl = [.. settings.TargetedCacheControl];
        StripTargetedCacheControl = settings.StripTargetedCacheControl;
        MaxRanges = settings.MaxRanges;
        MaxVariants = settings.MaxVariants;
    }

    /// <summary>Range specs one Range field may hold; more get the full response (ByteRanges.cs).</summary>
    public int MaxRanges { get; }

    /// <summary>Vary variants the store keeps under one key of this zone; a new one beyond it evicts the oldest.</summary>
    public int MaxVariants { get; }

    /// <summary>How long past freshness a response may be served when the origin fails and said nothing.</summary>
    public TimeSpan ServeStaleOnError { get; }

    /// <summary>False: a client's no-cache is ignored (CDN practice); true: it forces revalidation (RFC 9111 §5.2.1.4).</summary>
    public bool HonorClientNoCache { get; }

    /// <summary>Targeted cache-control fields (RFC 9213) in precedence order.</summary>
    public string[] TargetedCacheControl { get; }

    public bool StripTargetedCacheControl { get; }

    public string Name { get; }

    /// <summary>"https" or "http" when every key of the zone has that scheme, whatever the request said; null: the request's.</summary>
    public string? Scheme { get; }

    /// <summary>The schemes this zone's keys can have: a URL purge naming another matches nothing and says so.</summary>
    public IReadOnlyList<string> KeySchemes { get; }

    /// <summary>The 32-hex zone id (Cloudflare's zone identifier), lower-case.</summary>
    public string Id { get; }

    public IReadOnlyList<string> Hosts { get; }

    /// <summary>The first origin of the pool (the only one of a zone that names a single origin).</summary>
    public Uri Origin { get; }

    /// <summary>The zone's origins and how they are reached; the running pool is Forwarding.Pools.OriginPools'.</summary>
    public OriginPoolSettings OriginPool { get; }

    /// <summary>How long an upgraded connection (a WebSocket) may be idle both ways before it is closed.</summary>
    public TimeSpan UpgradeIdleTimeout { get; }

    /// <summary>Request headers whose values become part of the cache key, in configuration order.</summary>
    public string[] CacheKeyHeaders { get; }

    public TagHeaderSet TagHeaders { get; }

    public CachePolicy Policy { get; }

    public TimeSpan OriginTimeout { get; }

    /// <summary>Requests to this zone by what the cache did; shared with the Zone objects built for the same id.</summary>
    public ZoneCounters Counters { get; }
}
