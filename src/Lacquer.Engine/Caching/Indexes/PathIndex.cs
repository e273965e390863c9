// Host -> path-segment trie -> entries, for one zone. Serves host purges (a host's whole tree), prefix
// purges (a subtree, so matches fall on path-segment boundaries: /foo matches /foo, /foo/bar and /foo?x=1,
// never /foobar) and URL purges (one path, filtered by the full URL). Maintained under the store lock.
// Paths with nothing below them are leaves without a node of their own (PathNode), and segment keys are
// ranges of the entries' keys (SegmentKey): a stored URL costs the index a map slot, not a node and a string.
using Lacquer.Caching.Store;

namespace Lacquer.Caching.Indexes;

internal sealed class PathIndex
{
    private readonly Dictionary<string, PathNode> _hosts;

    /// <summary>The same map, looked up by the host's characters in an entry's key (an entry holds no host string).</summary>
    private readonly Dictionary<string, PathNode>.AlternateLookup<ReadOnlySpan<char>> _hostsByChars;

    public PathIndex()
    {
        _hosts = new(StringComparer.Ordinal);
        _hostsByChars = _hosts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public void Add(CacheEntry entry)
    {
        if (!_hostsByChars.TryGetValue(entry.Parts.HostSpan, out var node))
        {
            _hosts[entry.Parts.Host] = node = new PathNode(null, default);
        }

        entry.PathNode = Add(node, entry.Parts.Key, entry.Parts.PathStart, entry.Parts.PathLength, entry);
    }

    /// <summary>O(1) in the cache size: the entry knows its node, so removal walks only up to prune empty nodes.</summary>
    public void Remove(CacheEntry entry)
    {
        var node = entry.PathNode;
        if (node is null)
        {
            return;
        }

        entry.PathNode = null;
        var path = entry.Parts.PathSpan;
        node.Remove(entry, path[(path.LastIndexOf('/') + 1)..]);
        if (node.Prune() is { IsEmpty: true })
        {
            _hostsByChars.Remove(entry.Parts.HostSpan);
        }
    }

    /// <summary>Entries stored for <paramref name="host"/> (lower-case) under <paramref name="pathPrefix"/>.</summary>
    public List<CacheEntry> FindPrefix(string host, string pathPrefix)
    {
        var found = new List<CacheEntry>();
        if (!_hosts.TryGetValue(host, out var root))
        {
            return found;
        }

        // "/foo/" matches what lies below /foo, not /foo itself; a leaf has nothing below it.
        var trailingSlash = pathPrefix.Length > 1 && pathPrefix[^1] == '/';
        var located = Locate(root, trailingSlash ? pathPrefix.AsSpan(0, pathPrefix.Length - 1) : pathPrefix);
        if (located is PathNode node)
        {
            node.Collect(found, includeSelf: !trailingSlash);
        }
        else if (!trailingSlash)
        {
            EntrySet.CopyTo(located, found);
        }

        return found;
    }

    /// <summary>Entries stored at exactly <paramref name="path"/> of <paramref name="host"/>, any query.</summary>
    public CacheEntry[] FindPath(string host, string path)
    {
        if (!_hosts.TryGetValue(host, out var root))
        {
            return [];
        }

        var located = Locate(root, path);
        return located is PathNode node ? node.Entries() : EntrySet.ToArray(located);
    }

    /// <summary>Every entry of every host, lazily; the caller holds the store lock while enumerating.</summary>
    public IEnumerable<CacheEntry> All()
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
    /// Stores <paramref name="entry"/> at the path <c>source[start..start+length]</c> ("/a/b": segments a, b;
    /// "/": none; "/a/": a, ""), making the nodes on the way; returns the node that holds it.
    /// </summary>
    private static PathNode Add(PathNode node, string source, int start, int length, CacheEntry entry)
    {
        if (length <= 1)
        {
            return node.AddOwn(entry);
        }

        var end = start + length;
        var segment = start + 1;
        while (source.IndexOf('/', segment, end - segment) is var slash and >= 0)
        {
            node = node.Descend(new SegmentKey(source, segment, slash - segment));
            segment = slash + 1;
        }

        return node.AddBelow(new SegmentKey(source, segment, end - segment), entry);
    }

    /// <summary>What the trie holds at <paramref name="path"/>: a PathNode, a leaf EntrySet, or null. Allocates nothing.</summary>
    private static object? Locate(PathNode root, ReadOnlySpan<char> path)
    {
        if (path.Length <= 1)
        {
            return root;
        }

        var below = path[1..];
        object? current = root;
        foreach (var segment in below.Split('/'))
        {
            if (current is not PathNode node)
            {
                return null;
            }

            current = node.Below(below[segment]);
        }

        return current;
    }
}
