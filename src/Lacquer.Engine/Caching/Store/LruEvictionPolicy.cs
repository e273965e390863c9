// Least-recently-used eviction: an intrusive queue (EntryQueue), most recent at the newest end, under its own
// small lock. Lock order: the store lock, then this one; Touched takes only this one.
namespace Lacquer.Caching.Store;

internal sealed class LruEvictionPolicy : IEvictionPolicy
{
    private readonly EntryQueue _order = new(1);
    private readonly Lock _lock = new();

    public void Admitted(CacheEntry entry)
    {
        lock (_lock)
        {
            _order.Enqueue(entry);
        }
    }

    public void Touched(CacheEntry entry)
    {
        lock (_lock)
        {
            // Not linked any more (removed meanwhile), or already the most recent: nothing to move.
            if (entry.EvictionQueueId == _order.Id && entry != _order.Newest)
            {
                _order.Unlink(entry);
                _order.Enqueue(entry);
            }
        }
    }

    public void Removed(CacheEntry entry)
    {
        lock (_lock)
        {
            if (entry.EvictionQueueId == _order.Id)
            {
                _order.Unlink(entry);
            }
        }
    }

    public CacheEntry? NextVictim()
    {
        lock (_lock)
        {
            return _order.Oldest;
        }
    }
}
