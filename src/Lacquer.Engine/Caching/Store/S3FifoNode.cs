// S3-FIFO's per-entry state, held in CacheEntry.PolicyNode: the queue links (changed only under the policy
// lock) and a 2-bit saturating access counter that the hit path bumps without any lock.
namespace Lacquer.Caching.Store;

internal sealed class S3FifoNode(CacheEntry entry)
{
    /// <summary>Saturation point of the access counter (S3-FIFO uses two bits).</summary>
    public const int MaxFrequency = 3;

    private int _frequency;

    public CacheEntry Entry { get; } = entry;

    /// <summary>The queue this node is linked into, or null once unlinked.</summary>
    public S3FifoQueue? Queue { get; set; }

    /// <summary>Towards the older end of the queue.</summary>
    public S3FifoNode? Older { get; set; }

    /// <summary>Towards the newer end of the queue.</summary>
    public S3FifoNode? Newer { get; set; }

    public int Frequency => Volatile.Read(ref _frequency);

    /// <summary>
    /// Lock-free and wait-free: one compare-and-swap attempt, skipped entirely once saturated, so a hot entry's
    /// hits do not even write its cache line. A lost race loses one count, which the algorithm tolerates.
    /// </summary>
    public void Touch()
    {
        var current = Volatile.Read(ref _frequency);
        if (current < MaxFrequency)
        {
            Interlocked.CompareExchange(ref _frequency, current + 1, current);
        }
    }

    /// <summary>Policy lock only. Touch never lowers the counter, so a positive value stays positive until this runs.</summary>
    public void Decrement() => Interlocked.Decrement(ref _frequency);

    /// <summary>Policy lock only.</summary>
    public void Reset() => Interlocked.Exchange(ref _frequency, 0);
}
