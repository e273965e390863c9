// Least-recently-used eviction: a linked list, most recent at the head, under its own small lock.
// Lock order: the store lock, then this one; Touched takes only this one.
namespace Lacquer.Caching.Store;

internal sealed class LruEvictionPolicy : IEvictionPolicy
{
    private readonly LinkedList<CacheEntry> _order = new();
    private readonly Lock _lock = new();

    public void Admitted(CacheEntry entry)
    {
        lock (_lock)
        {
            entry.PolicyNode = _order.AddFirst(entry);
        }
    }

    public void Touched(CacheEntry entry)
    {
        lock (_lock)
        {
            if (entry.PolicyNode is LinkedListNode<CacheEntry> node && node.List is not null && node != _order.First)
            {
                _order.Remove(node);
                _order.AddFirst(node);
            }
        }
    }

    public void Removed(CacheEntry entry)
    {
        lock (_lock)
        {
            if (entry.PolicyNode is LinkedListNode<CacheEntry> node && node.List is not null)
            {
                _order.Remove(node);
            }

            entry.PolicyNode = null;
        }
    }

    public CacheEntry? NextVictim()
    {
        lock (_lock)
        {
            return _order.Last?.Value;
        }
    }
}
