// One node of a host's path trie: the entries stored at exactly its path (an EntrySet) and what lies below it,
// keyed by the next segment. Most paths are leaves — nothing is stored below /products/123 — so a segment with
// nothing below it is held as a leaf: its EntrySet sits directly in the parent's map, with no node of its own.
// It becomes a node when something is stored below it (Descend), and the entries move into the node. Keys are
// ranges of the entries' URLs (SegmentKey). An entry's PathNode is the node holding it in its own set or as a
// leaf under the entry's last segment. Used under the store lock only.
using Lacquer.Caching.Store;

namespace Lacquer.Caching.Indexes;

internal sealed class PathNode
{
    private readonly PathNode? _parent;
    private readonly SegmentKey _segment;

    /// <summary>Segment -> a PathNode, or a leaf: the EntrySet of the entries stored at that path.</summary>
    private Dictionary<SegmentKey, object?>? _children;
    private object? _entries;

    public PathNode(PathNode? parent, SegmentKey segment)
    {
        _parent = parent;
        _segment = segment;
    }

    public bool IsEmpty => _entries is null && (_children is null || _children.Count == 0);

    /// <summary>Stores <paramref name="entry"/> at this node's own path.</summary>
    public PathNode AddOwn(CacheEntry entry)
    {
        EntrySet.Add(ref _entries, entry);
        return this;
    }

    /// <summary>Stores <paramref name="entry"/> at the path one <paramref name="segment"/> below; returns the node that holds it.</summary>
    public PathNode AddBelow(SegmentKey segment, CacheEntry entry)
    {
        _children ??= new Dictionary<SegmentKey, object?>(SegmentKeyComparer.Instance);
        SpareCapacity.Reserve(_children);
        ref var below = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_children, segment, out _);
        if (below is PathNode node)
        {
            return node.AddOwn(entry);
        }

        EntrySet.Add(ref below, entry);
        return this;
    }

    /// <summary>The node for <paramref name="segment"/> below this one, made (or made from a leaf) when missing.</summary>
    public PathNode Descend(SegmentKey segment)
    {
        _children ??= new Dictionary<SegmentKey, object?>(SegmentKeyComparer.Instance);
        SpareCapacity.Reserve(_children);
        ref var below = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_children, segment, out _);
        if (below is PathNode node)
        {
            return node;
        }

        var made = new PathNode(this, segment) { _entries = below };
        foreach (var moved in EntrySet.ToArray(below))
        {
            moved.PathNode = made;
        }

        below = made;
        return made;
    }

    /// <summary>What lies one <paramref name="segment"/> below: a PathNode, a leaf EntrySet, or null.</summary>
    public object? Below(ReadOnlySpan<char> segment) =>
        _children is not null && _children.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(segment, out var below) ? below : null;

    /// <summary>
    /// Removes <paramref name="entry"/> from this node's own set, or else from the leaf under
    /// <paramref name="lastSegment"/> (the last segment of the entry's path).
    /// </summary>
    public bool Remove(CacheEntry entry, ReadOnlySpan<char> lastSegment)
    {
        if (EntrySet.Remove(ref _entries, entry))
        {
            return true;
        }

        if (_children is null)
        {
            return false;
        }

        var lookup = _children.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(lastSegment, out var key, out var leaf) || leaf is PathNode || !EntrySet.Remove(ref leaf, entry))
        {
            return false;
        }

        if (leaf is null)
        {
            _children.Remove(key);
            SpareCapacity.Trim(_children);
        }
        else
        {
            _children[key] = leaf;
        }

        return true;
    }

    /// <summary>The entries stored at exactly this path, copied.</summary>
    public CacheEntry[] Entries() => EntrySet.ToArray(_entries);

    public void Collect(List<CacheEntry> into, bool includeSelf)
    {
        if (includeSelf)
        {
            EntrySet.CopyTo(_entries, into);
        }

        if (_children is null)
        {
            return;
        }

        foreach (var below in _children.Values)
        {
            if (below is PathNode node)
            {
                node.Collect(into, includeSelf: true);
            }
            else
            {
                EntrySet.CopyTo(below, into);
            }
        }
    }

    /// <summary>The entries at this node and below, depth first, lazily (for listings that stop early).</summary>
    public IEnumerable<CacheEntry> Walk()
    {
        foreach (var entry in Entries())
        {
            yield return entry;
        }

        if (_children is null)
        {
            yield break;
        }

        foreach (var below in _children.Values)
        {
            var entries = below is PathNode node ? node.Walk() : EntrySet.ToArray(below);
            foreach (var entry in entries)
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
