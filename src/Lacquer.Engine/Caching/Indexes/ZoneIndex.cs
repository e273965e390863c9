// The purge indexes of one zone: tags and host/path. Every method runs under the store lock; the hit path
// never touches them. Their memory is charged to each entry (EntrySize), so it counts against cache.maxBytes.
namespace Lacquer.Caching.Indexes;

internal sealed class ZoneIndex
{
    public TagIndex Tags { get; } = new();

    public PathIndex Paths { get; } = new();

    public void Add(Store.CacheEntry entry)
    {
        Tags.Add(entry);
        Paths.Add(entry);
    }

    public void Remove(Store.CacheEntry entry)
    {
        Tags.Remove(entry);
        Paths.Remove(entry);
    }
}
