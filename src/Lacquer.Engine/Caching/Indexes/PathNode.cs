// One path segment in a host's trie: the entries stored at exactly this path, and the segments below.
namespace Lacquer.Caching.Indexes;

internal sealed class PathNode
{
    private readonly PathNode? _parent;
    private readonly string _segment;
    private Dictionary<string, PathNode>? _children;

    public PathNode(PathNode? parent, string segment)
    {
        _parent = parent;
        _segment = segment;
    }

    public HashSet<Store.CacheEntry> Entries { get; } = [];

    public bool IsEmpty => Entries.Count == 0 && (_children is null || _children.Count == 0);

    public PathNode? Child(string name, bool create)
    {
        if (_children is not null && _children.TryGetValue(name, out var child))
        {
            return child;
        }

        if (!create)
        {
            return null;
        }

        _children ??= new Dictionary<string, PathNode>(StringComparer.Ordinal);
        return _children[name] = new PathNode(this, name);
    }

    public void Collect(List<Store.CacheEntry> into, bool includeSelf)
    {
        if (includeSelf)
        {
            into.AddRange(Entries);
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
        foreach (var entry in Entries)
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
            node = node._parent;
        }

        return node._parent is null ? node : null;
    }
}
