// An intrusive queue of entries, linked through the entries' own eviction fields (CacheEntry.Eviction.cs), with
// O(1) unlink from the middle (purges and replacements remove entries anywhere) and a running byte total.
// S3-FIFO's small and main queues and LRU's recency order are each one of these. Not thread-safe: used only
// under the owning policy's lock.
namespace Lacquer.Caching.Store;

/// <param name="id">
/// Told apart from the policy's other queues by this number (1 to <see cref="EntryState.MaxQueueId"/>) in
/// <see cref="CacheEntry.EvictionQueueId"/>, four bits of the entry's state word.
/// </param>
internal sealed class EntryQueue(byte id)
{
    public byte Id { get; } = id is > 0 and <= EntryState.MaxQueueId
        ? id
        : throw new ArgumentOutOfRangeException(nameof(id), $"Queue ids are 1 to {EntryState.MaxQueueId}; 0 stands for no queue.");

    /// <summary>The oldest entry: the next one the policy examines.</summary>
    public CacheEntry? Oldest { get; private set; }

    public CacheEntry? Newest { get; private set; }

    public long Count { get; private set; }

    /// <summary>Sum of the linked entries' charged sizes (<see cref="CacheEntry.Size"/>).</summary>
    public long Bytes { get; private set; }

    public void Enqueue(CacheEntry entry)
    {
        if (entry.EvictionQueueId != 0)
        {
            throw new InvalidOperationException("Entry is already linked into a queue.");
        }

        entry.EvictionQueueId = Id;
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
        if (entry.EvictionQueueId != Id)
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

        entry.EvictionQueueId = 0;
        entry.EvictionOlder = null;
        entry.EvictionNewer = null;
        Count--;
        Bytes -= entry.Size;
    }
}
