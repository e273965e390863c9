// Per-zone counters (issue 2 §4). Lock-free: each field is updated with Interlocked and read as a snapshot.
namespace Lacquer.Zones;

internal sealed class ZoneCounters
{
    private long _hits;
    private long _misses;
    private long _staleHits;
    private long _evictions;
    private long _storedBytes;
    private long _objects;

    public void Hit() => Interlocked.Increment(ref _hits);

    public void Miss() => Interlocked.Increment(ref _misses);

    public void StaleHit() => Interlocked.Increment(ref _staleHits);

    public void Evicted() => Interlocked.Increment(ref _evictions);

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
