// The runtime model of one zone: a named site with its hosts, its origin and its cache policy.
// Built once from validated ZoneSettings and never mutated afterwards, except for its counters.
using Lacquer.Caching.Semantics;
using Lacquer.Caching.Tags;
using Lacquer.Configuration;

namespace Lacquer.Zones;

internal sealed class Zone
{
    private long _hardPurgedBefore;
    private long _softPurgedBefore;

    public Zone(ZoneSettings settings)
    {
        Name = settings.Name;
        Id = settings.Id;
        Hosts = settings.Hosts;
        Origin = settings.Origin;
        CacheKeyHeaders = [.. settings.CacheKeyHeaders];
        TagHeaders = new TagHeaderSet(settings.TagHeaders);
        Policy = new CachePolicy(settings.CacheSetCookie, settings.DefaultTtl, settings.MaxHeuristicTtl);
        OriginTimeout = settings.OriginTimeout;
    }

    public string Name { get; }

    /// <summary>The 32-hex zone id (Cloudflare's zone identifier), lower-case.</summary>
    public string Id { get; }

    public IReadOnlyList<string> Hosts { get; }

    public Uri Origin { get; }

    /// <summary>Request headers whose values become part of the cache key, in configuration order.</summary>
    public string[] CacheKeyHeaders { get; }

    public TagHeaderSet TagHeaders { get; }

    public CachePolicy Policy { get; }

    public TimeSpan OriginTimeout { get; }

    public ZoneCounters Counters { get; } = new();

    /// <summary>The zone's purge indexes; used only under the store lock.</summary>
    public Caching.Indexes.ZoneIndex Index { get; } = new();

    /// <summary>Entries inserted before this purge sequence are gone (an O(1) hard purge-everything).</summary>
    public long HardPurgedBefore
    {
        get => Volatile.Read(ref _hardPurgedBefore);
        set => Volatile.Write(ref _hardPurgedBefore, value);
    }

    /// <summary>Entries inserted before this purge sequence are stale (an O(1) soft purge-everything).</summary>
    public long SoftPurgedBefore
    {
        get => Volatile.Read(ref _softPurgedBefore);
        set => Volatile.Write(ref _softPurgedBefore, value);
    }
}
