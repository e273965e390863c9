// S3-FIFO's ghost queue: the primary keys most recently evicted from the small queue, remembered as 64-bit
// hashes only (no key strings, no entries). A FIFO of (hash, stamp) pairs gives the order; a dictionary maps
// a hash to the stamp of its latest insertion, so a queue element whose key was re-inserted or consumed is
// recognised as stale when it reaches the front. The ghost holds at most as many hashes as the cache holds
// entries (the paper sizes it like the main queue), so its memory is bounded by about 40 bytes per stored
// entry, and entries are charged at least EntrySize.FixedOverhead (512) bytes each. Not thread-safe: used
// only under S3FifoEvictionPolicy's lock.
namespace Lacquer.Caching.Store;

internal sealed class S3FifoGhost
{
    private const int MinimumCapacity = 64;

    private readonly Queue<(ulong Hash, long Stamp)> _order = new();
    private readonly Dictionary<ulong, long> _latest = [];
    private long _stamp;

    public int Count => _latest.Count;

    /// <summary>Remembers <paramref name="hash"/>, forgetting the oldest hashes beyond <paramref name="capacity"/>.</summary>
    public void Add(ulong hash, long capacity)
    {
        var stamp = ++_stamp;
        _latest[hash] = stamp;
        _order.Enqueue((hash, stamp));
        var limit = Math.Max(MinimumCapacity, capacity);
        while (_order.Count > limit)
        {
            var (oldHash, oldStamp) = _order.Dequeue();
            if (_latest.TryGetValue(oldHash, out var latest) && latest == oldStamp)
            {
                _latest.Remove(oldHash);
            }
        }
    }

    /// <summary>True when <paramref name="hash"/> was remembered; it is forgotten (a ghost is consumed once).</summary>
    public bool TryConsume(ulong hash) => _latest.Remove(hash);

    /// <summary>FNV-1a, 64-bit, over the key's UTF-16 code units: stable, allocation-free, collisions ~ n²/2⁶⁵.</summary>
    public static ulong Hash(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
