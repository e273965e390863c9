// An intrusive queue of entries, linked through the entries' own eviction fields (CacheEntry.Eviction.cs), with
// O(1) unlink from the middle (purges and replacements remove entries anywhere) and a running byte total.
// S3-FIFO's small and main queues and LRU's recency order are each one of these. Not thread-safe: used only
// under the owning policy's lock.
namespace Lacquer.Caching.Store;

internal sealed class EntryQueue
{
    /// <summary>The oldest entry: the next one the policy examines.</summary>
    public CacheEntry? Oldest { get; private set; }

    public CacheEntry? Newest { get; private set; }

    public long Count { get; private set; }

    /// <summary>Sum of the linked entries' charged sizes (<see cref="CacheEntry.Size"/>).</summary>
    public long Bytes { get; private set; }

    public void Enqueue(CacheEntry entry)
    {
        if (entry.EvictionQueue is not null)
        {
            throw new InvalidOperationException("Entry is already linked into a queue.");
        }

        entry.EvictionQueue = this;
        entry.EvictionOlder = Newest;
        entry.EvictionNewer = null;
        if (Newest is null)
        {
            Oldest = entry;
        }
        else
        {
            Newest.EvictionNewer = entry;
        }

        Newest = entry;
        Count++;
        Bytes += entry.Size;
    }

    public void Unlink(CacheEntry entry)
    {
        if (!ReferenceEquals(entry.EvictionQueue, this))
        {
            throw new InvalidOperationException("Entry is not linked into this queue.");
        }

        if (entry.EvictionOlder is null)
        {
            Oldest = entry.EvictionNewer;
        }
        else
        {
            entry.EvictionOlder.EvictionNewer = entry.EvictionNewer;
        }

        if (entry.EvictionNewer is null)
        {
            Newest = entry.EvictionOlder;
        }
        else
        {
            entry.EvictionNewer.EvictionOlder = entry.EvictionOlder;
        }

        entry.EvictionQueue = null;
        entry.EvictionOlder = null;
        entry.EvictionNewer = null;
        Count--;
        Bytes -= entry.Size;
    }
}
