// The eviction policy's per-entry state, held in the entry itself: its links in the policy's intrusive queue
// (EntryQueue) and S3-FIFO's access counter. A separate node object per entry (as LinkedListNode or a policy
// node) would cost its own object header, a back reference and the entry's reference to it, about 56 to 64
// bytes per entry (docs/performance.md, Memory).
//
// Locking: the links change only under the owning policy's lock. The counter (two bits of the entry's state
// word, EntryState) is bumped by the hit path without any lock (Touch) and lowered only under the policy's lock.
namespace Lacquer.Caching.Store;

internal sealed partial class CacheEntry
{
    /// <summary>Saturation point of the access counter (S3-FIFO uses two bits).</summary>
    public const int MaxAccessCount = EntryState.MaxAccessCount;

    /// <summary>
    /// Which of its policy's queues holds the entry (<see cref="EntryQueue.Id"/>), 0 for none: four bits of the
    /// entry's state word where a reference to the queue took 8 bytes. Policy lock only.
    /// </summary>
    public byte EvictionQueueId
    {
        get => EntryState.QueueId(Volatile.Read(ref _state));
        set => UpdateState(EntryState.QueueMask, EntryState.WithQueueId(0, value));
    }

    /// <summary>Towards the older end of the queue.</summary>
    public CacheEntry? EvictionOlder { get; set; }

    /// <summary>Towards the newer end of the queue.</summary>
    public CacheEntry? EvictionNewer { get; set; }

    public int AccessCount => EntryState.AccessCount(Volatile.Read(ref _state));

    /// <summary>
    /// Lock-free and wait-free: one compare-and-swap attempt, skipped entirely once saturated, so a hot entry's
    /// hits do not even write its cache line. A lost race (with another touch, or with a flag or queue change
    /// to the same word) loses one count, which S3-FIFO tolerates.
    /// </summary>
    public void TouchAccessCount()
    {
        var current = Volatile.Read(ref _state);
        if (EntryState.AccessCount(current) < MaxAccessCount)
        {
            Interlocked.CompareExchange(ref _state, current + EntryState.AccessOne, current);
        }
    }

    /// <summary>Policy lock only. A touch never lowers the counter, so a positive value stays positive until this runs.</summary>
    public void DecrementAccessCount() => Interlocked.Add(ref _state, -EntryState.AccessOne);

    /// <summary>Policy lock only.</summary>
    public void ResetAccessCount() => UpdateState(EntryState.AccessMask, 0);
}
