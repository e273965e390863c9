// What the store keeps for one zone: its purge indexes, its purge-everything fences and what it holds (bytes,
// objects, evictions). The store creates one per zone id and keeps it (CacheStore.ZoneCache), so a reloaded
// configuration whose zone has the same id finds the same state, and with it the entries already stored.
// Every stored entry points at its zone's state: a hit checks the fences through that reference, without
// looking anything up. The counters are Interlocked; the index and the fences change under the store lock.
namespace Lacquer.Caching.Store;

internal sealed class ZoneCache
{
    private long _hardPurgedBefore;
    private long _softPurgedBefore;
    private long _hiddenEntries;
    private long _storedBytes;
    private long _objects;
    private long _evictions;
    private long _evictionsTotal;

    /// <param name="zoneId">The zone's id; the store keys its zone states by it.</param>
    internal ZoneCache(string zoneId) => ZoneId = zoneId;

    public string ZoneId { get; }

    /// <summary>The zone's purge indexes; used only under the store lock.</summary>
    public Indexes.ZoneIndex Index { get; } = new();

    /// <summary>Entries inserted before this purge sequence are gone (an O(1) hard purge-everything).</summary>
    public long HardPurgedBefore
    {
        get => Volatile.Read(ref _hardPurgedBefore);
        set => Volatile.Write(ref _hardPurgedBefore, value);
    }

    /// <summary>Entries hidden by a hard purge and not yet reclaimed; changed only under the store lock, read by /api/stats.</summary>
    public long HiddenEntries
    {
        get => Volatile.Read(ref _hiddenEntries);
        set => Volatile.Write(ref _hiddenEntries, value);
    }

    /// <summary>Entries inserted before this purge sequence are stale (an O(1) soft purge-everything).</summary>
    public long SoftPurgedBefore
    {
        get => Volatile.Read(ref _softPurgedBefore);
        set => Volatile.Write(ref _softPurgedBefore, value);
    }

    /// <summary>Bytes charged for the zone's stored entries, hidden ones included until reclaimed.</summary>
    public long StoredBytes => Interlocked.Read(ref _storedBytes);

    /// <summary>The zone's stored entries, hidden ones included until reclaimed.</summary>
    public long Objects => Interlocked.Read(ref _objects);

    /// <summary>Entries evicted to make room since start or the last <see cref="ResetEvictions"/>.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>Evictions since start; never reset.</summary>
    public long EvictionsTotal => Interlocked.Read(ref _evictionsTotal);

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

    public void Evicted()
    {
        Interlocked.Increment(ref _evictions);
        Interlocked.Increment(ref _evictionsTotal);
    }

    /// <summary>Zeroes <see cref="Evictions"/> (a traffic counter); what is stored stays counted.</summary>
    public void ResetEvictions() => Interlocked.Exchange(ref _evictions, 0);
}
