// S3-FIFO eviction (Yang et al., "FIFO queues are all you need for cache eviction", SOSP'23), made size-aware.
//
// Algorithm. Three FIFO queues:
//   - small (S): new entries land here; its share is 10% of the store's capacity in BYTES;
//   - main (M): entries that proved themselves, the rest of the capacity;
//   - ghost (G): hashes of keys recently evicted from S, no data (S3FifoGhost).
// Each entry carries a 2-bit access counter (0..3), bumped on every hit (CacheEntry.TouchAccessCount).
//   Admitted: into M if its key is in G (it came back soon after a quick eviction), else into S.
//   NextVictim: while S holds at least its byte share (or M is empty), examine S's oldest entry: accessed
//     (counter >= promotion threshold, 1 by default) -> moved to M with its counter cleared; else it is the
//     victim and its key goes into G. Otherwise examine M's oldest entry: counter > 0 -> decremented and
//     reinserted at M's new end; else it is the victim.
// The victim stays linked until the store removes it and calls Removed (CacheStore.MakeRoomLocked): the
// queue moves happen here, the unlink happens there, exactly as for a purge or a replacement.
//
// Why it beats LRU on web traces: most objects in web and CDN traces are requested once ("one-hit wonders").
// LRU gives every one of them a full trip through the whole cache, pushing out objects that are re-used;
// S3-FIFO keeps them in the small queue, evicts them after a short probation and spends the other 90% of the
// bytes on objects that were hit at least once. The ghost rescues objects whose re-use interval is a little
// longer than the probation. Being FIFOs, the hit path does no list surgery: a hit is one atomic counter bump.
//
// Locking. Admitted, Removed and NextVictim run under the store lock and also take this policy's own lock
// (uncontended; it keeps the policy safe on its own). Lock order: store lock, then this one. Touched takes no
// lock: it does a single compare-and-swap on the entry's own counter (CacheEntry.Eviction.cs); NextVictim
// reads and lowers that counter with Interlocked operations under the policy lock, and a concurrent touch can
// only raise it, so it never goes below zero. The queue links live in the entries too (EntryQueue).
namespace Lacquer.Caching.Store;

internal sealed class S3FifoEvictionPolicy : IEvictionPolicy
{
    /// <summary>The small queue's share of the capacity, in bytes (the paper's 10%).</summary>
    public const double SmallShare = 0.10;

    private readonly EntryQueue _small = new(1);
    private readonly EntryQueue _main = new(2);
    private readonly S3FifoGhost _ghost = new();
    private readonly Lock _lock = new();
    private readonly long _smallTarget;
    private readonly int _promotionThreshold;

    /// <param name="maxBytes">The store's capacity (<see cref="CacheStore.MaxBytes"/>).</param>
    /// <param name="promotionThreshold">Hits an entry needs while in the small queue to move to main (1..3).</param>
    public S3FifoEvictionPolicy(long maxBytes, int promotionThreshold = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(promotionThreshold, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(promotionThreshold, CacheEntry.MaxAccessCount);
        _smallTarget = Math.Max(1, (long)(maxBytes * SmallShare));
        _promotionThreshold = promotionThreshold;
    }

    /// <summary>Entries and bytes in the small and main queues and hashes in the ghost (tests and the replay bench).</summary>
    public (long SmallCount, long SmallBytes, long MainCount, long MainBytes, int GhostCount) Snapshot()
    {
        lock (_lock)
        {
            return (_small.Count, _small.Bytes, _main.Count, _main.Bytes, _ghost.Count);
        }
    }

    public void Admitted(CacheEntry entry)
    {
        lock (_lock)
        {
            var queue = _ghost.TryConsume(S3FifoGhost.Hash(entry.PrimaryKey)) ? _main : _small;
            entry.ResetAccessCount();
            queue.Enqueue(entry);
        }
    }

    public void Touched(CacheEntry entry)
    {
        entry.TouchAccessCount();
    }

    public void Removed(CacheEntry entry)
    {
        lock (_lock)
        {
            var queue = entry.EvictionQueueId == _small.Id ? _small : entry.EvictionQueueId == _main.Id ? _main : null;
            queue?.Unlink(entry);
        }
    }

    public CacheEntry? NextVictim()
    {
        lock (_lock)
        {
            // Every move either empties S by one or spends one of a main entry's counts, so this ends; the
            // bound only matters if hits keep re-raising counters while we rotate, and then M's oldest goes.
            var budget = _small.Count + ((CacheEntry.MaxAccessCount + 1) * _main.Count) + 1;
            while (true)
            {
                if (_small.Oldest is { } candidate && (_small.Bytes >= _smallTarget || _main.Count == 0))
                {
                    if (candidate.AccessCount >= _promotionThreshold && budget-- > 0)
                    {
                        _small.Unlink(candidate);
                        candidate.ResetAccessCount();
                        _main.Enqueue(candidate);
                        continue;
                    }

                    _ghost.Add(S3FifoGhost.Hash(candidate.PrimaryKey), _small.Count + _main.Count);
                    return candidate;
                }

                if (_main.Oldest is not { } oldest)
                {
                    return _small.Oldest;
                }

                if (oldest.AccessCount > 0 && budget-- > 0)
                {
                    _main.Unlink(oldest);
                    oldest.DecrementAccessCount();
                    _main.Enqueue(oldest);
                    continue;
                }

                return oldest;
            }
        }
    }
}
