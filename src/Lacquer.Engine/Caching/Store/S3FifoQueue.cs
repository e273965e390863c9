// An intrusive FIFO of S3FifoNodes with O(1) unlink from the middle (purges and replacements remove entries
// anywhere) and a running byte total. Not thread-safe: used only under S3FifoEvictionPolicy's lock.
namespace Lacquer.Caching.Store;

internal sealed class S3FifoQueue
{
    /// <summary>The oldest node: the next one S3-FIFO examines.</summary>
    public S3FifoNode? Oldest { get; private set; }

    public S3FifoNode? Newest { get; private set; }

    public long Count { get; private set; }

    /// <summary>Sum of the linked entries' charged sizes (<see cref="CacheEntry.Size"/>).</summary>
    public long Bytes { get; private set; }

    public void Enqueue(S3FifoNode node)
    {
        if (node.Queue is not null)
        {
            throw new InvalidOperationException("S3-FIFO node is already linked into a queue.");
        }

        node.Queue = this;
        node.Older = Newest;
        node.Newer = null;
        if (Newest is null)
        {
            Oldest = node;
        }
        else
        {
            Newest.Newer = node;
        }

        Newest = node;
        Count++;
        Bytes += node.Entry.Size;
    }

    public void Unlink(S3FifoNode node)
    {
        if (!ReferenceEquals(node.Queue, this))
        {
            throw new InvalidOperationException("S3-FIFO node is not linked into this queue.");
        }

        if (node.Older is null)
        {
            Oldest = node.Newer;
        }
        else
        {
            node.Older.Newer = node.Newer;
        }

        if (node.Newer is null)
        {
            Newest = node.Older;
        }
        else
        {
            node.Newer.Older = node.Older;
        }

        node.Queue = null;
        node.Older = null;
        node.Newer = null;
        Count--;
        Bytes -= node.Entry.Size;
    }
}
