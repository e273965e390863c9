// One path segment in a host's trie: the entries stored at exactly this path (an EntrySet), and the segments below.
namespace Lacquer.Caching.Indexes;

internal sealed class PathNode
{
    private readonly PathNode? _parent;
    private readonly string _segment;
    private Dictionary<string, PathNode>? _children;
    private object? _entries;

    public PathNode(PathNode? parent, string segment)
    {
        _parent = parent;
        _segment = segment;
    }

    public bool IsEmpty => _entries is null && (_children is null || _children.Count == 0);

    public void Add(Store.CacheEntry entry) => EntrySet.Add(ref _entries, entry);

    public bool Remove(Store.CacheEntry entry) => EntrySet.Remove(ref _entries, entry);

    /// <summary>The entries stored at exactly this path, copied.</summary>
    public Store.CacheEntry[] Entries() => EntrySet.ToArray(_entries);

    /// <summary>The child for <paramref name="name"/>; a string is allocated only when a new child is created.</summary>
    public PathNode? Child(ReadOnlySpan<char> name, bool create)
    {
        if (_children is not null && _children.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var child))
        {
            return child;
        }

        if (!create)
        {
            return null;
        }

        _children ??= new Dictionary<string, PathNode>(StringComparer.Ordinal);
        var segment = name.ToString();
        return _children[segment] = new PathNode(this, segment);
    }

    public void Collect(List<Store.CacheEntry> into, bool includeSelf)
    {
        if (includeSelf)
        {
            EntrySet.CopyTo(_entries, into);
        }

        if (_children is null)
        {
            return;
        }

        foreach (var child in _children.Values)
        {
            child.Collect(into, includeSelf: true);
        }
    }

    /// <summary>The entries at this node and below, depth first, lazily (for listings that stop early).</summary>
    public IEnumerable<Store.CacheEntry> Walk()
    {
        foreach (var entry in Entries())
        {
            yield return entry;
        }

        if (_children is null)
        {
            yield break;
        }

        foreach (var child in _children.Values)
        {
            foreach (var entry in child.Walk())
            {
                yield return entry;
            }
        }
    }

    /// <summary>Drops this node and any ancestors left empty; returns the host's root when it was reached, else null.</summary>
    public PathNode? Prune()
    {
        var node = this;
        while (node._parent is not null && node.IsEmpty)
        {
            node._parent._children!.Remove(node._segment);
            SpareCapacity.Trim(node._parent._children);
            node = node._parent;
        }

        return node._parent is null ? node : null;
    }
}
