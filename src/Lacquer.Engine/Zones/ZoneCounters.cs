// A zone's request counters: hits, misses, stale hits, and finished requests by cache outcome. Lock-free:
// each is updated with Interlocked. What the store holds for the zone (bytes, objects, evictions) is counted
// by the store (ZoneCache); a snapshot puts the two together as /api/stats serves them. The traffic counters
// of /api/stats can be reset; the request counts by outcome feed the Prometheus counters
// (docs/observability.md), which only ever grow.
using Lacquer.Caching.Store;
using Lacquer.Diagnostics;

namespace Lacquer.Zones;

internal sealed class ZoneCounters
{
    private long _hits;
    private long _misses;
    private long _staleHits;
    private readonly long[] _served = new long[CacheOutcomes.Count];

    public void Hit() => Interlocked.Increment(ref _hits);

    public void Miss() => Interlocked.Increment(ref _misses);

    public void StaleHit() => Interlocked.Increment(ref _staleHits);

    /// <summary>Counts one finished request by what the cache did for it; never reset.</summary>
    public void Served(CacheOutcome outcome) => Interlocked.Increment(ref _served[(int)outcome]);

    public long ServedCount(CacheOutcome outcome) => Interlocked.Read(ref _served[(int)outcome]);

    /// <summary>
    /// Zeroes the traffic counters: hits, misses, stale hits, and the evictions counted in <paramref name="stored"/>;
    /// stored bytes and objects describe the store and stay.
    /// </summary>
    public void ResetTraffic(ZoneCache stored)
    {
        Interlocked.Exchange(ref _hits, 0);
        Interlocked.Exchange(ref _misses, 0);
        Interlocked.Exchange(ref _staleHits, 0);
        stored.ResetEvictions();
    }

    /// <summary>These counters and what the store holds for the zone (<paramref name="stored"/>), as /api/stats serves them.</summary>
    public CounterSnapshot Snapshot(ZoneCache stored) => new(
        Interlocked.Read(ref _hits),
        Interlocked.Read(ref _misses),
        Interlocked.Read(ref _staleHits),
        stored.Evictions,
        stored.StoredBytes,
        stored.Objects);
}
