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

        foreach (var segment in Segments(entry.Parts.Path))
        {
            node = node.Child(segment, create: true)!;
        }

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

        var segments = Segments(pathPrefix);
        var trailingSlash = pathPrefix.Length > 1 && pathPrefix[^1] == '/';
        var walk = trailingSlash ? segments[..^1] : segments;
        foreach (var segment in walk)
        {
            node = node.Child(segment, create: false);
            if (node is null)
            {
                return found;
            }
        }

        // "/foo/" matches what lies below /foo, not /foo itself.
        node.Collect(found, includeSelf: !trailingSlash);
        return found;
    }

    /// <summary>Entries stored at exactly <paramref name="path"/> of <paramref name="host"/>, any query.</summary>
    public Store.CacheEntry[] FindPath(string host, string path)
    {
        if (!_hosts.TryGetValue(host, out var node))
        {
            return [];
        }

        foreach (var segment in Segments(path))
        {
            node = node.Child(segment, create: false);
            if (node is null)
            {
                return [];
            }
        }

        return node.Entries();
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

    /// <summary>"/a/b" -> ["a", "b"]; "/" -> []; "/a/" -> ["a", ""].</summary>
    private static string[] Segments(string path) =>
        path.Length <= 1 ? [] : path[1..].Split('/');
}
