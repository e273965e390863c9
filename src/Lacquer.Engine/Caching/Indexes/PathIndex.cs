// Host -> path-segment trie -> entries, for one zone. Serves host purges (a host's whole tree), prefix
// purges (a subtree, so matches fall on path-segment boundaries: /foo matches /foo, /foo/bar and /foo?x=1,
// never /foobar) and URL purges (one node, filtered by the full URL). Maintained under the store lock.
namespace Lacquer.Caching.Indexes;

internal sealed class PathIndex
{
    private readonly Dictionary<string, PathNode> _hosts = new(StringComparer.Ordinal);

    public void Add(Store.CacheEntry entry)
    {
        if (!_hosts.TryGetValue(entry.Parts.Host, out var node))
        {
            _hosts[entry.Parts.Host] = node = new PathNode(null, string.Empty);
        }

        node = Walk(node, entry.Parts.Path, create: true)!;
        node.Add(entry);
        entry.PathNode = node;
    }

    /// <summary>O(1) in the cache size: the entry knows its node, so removal walks only up to prune empty nodes.</summary>
    public void Remove(Store.CacheEntry entry)
    {
        var node = entry.PathNode;
        if (node is null)
        {
            return;
        }

        entry.PathNode = null;
        node.Remove(entry);
        if (node.Prune() is { IsEmpty: true })
        {
            _hosts.Remove(entry.Parts.Host);
        }
    }

    /// <summary>Entries stored for <paramref name="host"/> (lower-case) under <paramref name="pathPrefix"/>.</summary>
    public List<Store.CacheEntry> FindPrefix(string host, string pathPrefix)
    {
        var found = new List<Store.CacheEntry>();
        if (!_hosts.TryGetValue(host, out var node))
        {
            return found;
        }

        // "/foo/" matches what lies below /foo, not /foo itself.
        var trailingSlash = pathPrefix.Length > 1 && pathPrefix[^1] == '/';
        node = Walk(node, trailingSlash ? pathPrefix.AsSpan(0, pathPrefix.Length - 1) : pathPrefix, create: false);
        node?.Collect(found, includeSelf: !trailingSlash);
        return found;
    }

    /// <summary>Entries stored at exactly <paramref name="path"/> of <paramref name="host"/>, any query.</summary>
    public Store.CacheEntry[] FindPath(string host, string path)
    {
        if (!_hosts.TryGetValue(host, out var node))
        {
            return [];
        }

        return Walk(node, path, create: false)?.Entries() ?? [];
    }

    /// <summary>Every entry of every host, lazily; the caller holds the store lock while enumerating.</summary>
    public IEnumerable<Store.CacheEntry> All()
    {
        foreach (var root in _hosts.Values)
        {
            foreach (var entry in root.Walk())
            {
                yield return entry;
            }
        }
    }

    /// <summary>
    /// Walks down from <paramref name="node"/> along the segments of <paramref name="path"/> ("/a/b": a, b;
    /// "/": none; "/a/": a, ""), creating missing nodes when asked; null when one is missing. Allocates only
    /// the segment strings of nodes it creates.
    /// </summary>
    private static PathNode? Walk(PathNode node, ReadOnlySpan<char> path, bool create)
    {
        if (path.Length <= 1)
        {
            return node;
        }

        var below = path[1..];
        foreach (var segment in below.Split('/'))
        {
            if (node.Child(below[segment], create) is not { } child)
            {
                return null;
            }

            node = child;
        }

        return node;
    }
}
