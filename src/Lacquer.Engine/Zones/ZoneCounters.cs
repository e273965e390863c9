// Per-zone counters. Lock-free: each field is updated with Interlocked and read as a snapshot.
// The traffic counters of /api/stats can be reset; the request counts by outcome and the eviction total
// feed the Prometheus counters (docs/observability.md), which only ever grow.
using Lacquer.Diagnostics;

namespace Lacquer.Zones;

internal sealed class ZoneCounters
{
    private long _hits;
    private long _misses;
    private long _staleHits;
    private long _evictions;
    private long _storedBytes;
    private long _objects;
    private long _evictionsTotal;
    private readonly long[] _served = new long[CacheOutcomes.Count];

    public void Hit() => Interlocked.Increment(ref _hits);

    public void Miss() => Interlocked.Increment(ref _misses);

    public void StaleHit() => Interlocked.Increment(ref _staleHits);

    public void Evicted()
    {
        Interlocked.Increment(ref _evictions);
        Interlocked.Increment(ref _evictionsTotal);
    }

    /// <summary>Evictions since start; never reset.</summary>
    public long EvictionsTotal => Interlocked.Read(ref _evictionsTotal);

    /// <summary>Counts one finished request by what the cache did for it; never reset.</summary>
    public void Served(CacheOutcome outcome) => Interlocked.Increment(ref _served[(int)outcome]);

    public long ServedCount(CacheOutcome outcome) => Interlocked.Read(ref _served[(int)outcome]);

    public void Stored(long bytes)
    {
        Interlocked.Add(ref _storedBytes, bytes);
        Interlocked.Increment(ref _objects);
    }

    public void Removed(long bytes)
    {
        Interlocked.Add(ref _storedBytes, -bytes);
        Interlocked.Decrement(ref _objects);
    }

    /// <summary>Zeroes the traffic counters (hits, misses, stale hits, evictions); stored bytes and objects describe the store and stay.</summary>
    public void ResetTraffic()
    {
        Interlocked.Exchange(ref _hits, 0);
        Interlocked.Exchange(ref _misses, 0);
        Interlocked.Exchange(ref _staleHits, 0);
        Interlocked.Exchange(ref _evictions, 0);
    }

    public CounterSnapshot Snapshot() => new(
        Interlocked.Read(ref _hits),
        Interlocked.Read(ref _misses),
        Interlocked.Read(ref _staleHits),
        Interlocked.Read(ref _evictions),
        Interlocked.Read(ref _storedBytes),
        Interlocked.Read(ref _objects));
}
