// What the store keeps under one primary key: its Vary variants. Most keys have exactly one, and the store's
// key table (KeyTable) then holds that entry itself; a key with a few (up to MaxScanned) holds an array of them, which a
// lookup scans; a key with more holds a VariantTable, which a lookup probes by hash. A slot object with a
// one-element array cost 64 bytes per key more (docs/performance.md, Memory), and a hash index costs more than a
// scan of a handful of entries saves.
//
// A value is never mutated once it is in the key table: adding or removing a variant makes a new value and
// replaces the old one under the store lock, so a lock-free reader sees the old set or the new one, never a
// half-changed one. The number of variants is bounded by the zone's maxVariants (CacheStore.Insert), which
// bounds what one change copies.
namespace Lacquer.Caching.Store;

/// <summary>A read-only view of the value stored under one primary key: null, one entry, an array of two to <see cref="MaxScanned"/>, or a <see cref="VariantTable"/>.</summary>
internal readonly struct Variants(object? value)
{
    /// <summary>Up to this many variants are kept in an array and scanned; more get a hash index.</summary>
    public const int MaxScanned = 8;

    /// <summary>What the store's key table holds for this set (null when it is empty).</summary>
    public object? Value => value;

    public int Count => value switch
    {
        null => 0,
        CacheEntry => 1,
        VariantTable table => table.Entries.Length,
        _ => ((CacheEntry[])value).Length,
    };

    /// <summary>The variant stored first of those still here (the last to be tried); null when the set is empty.</summary>
    public CacheEntry? Oldest => value switch
    {
        null => null,
        CacheEntry single => single,
        VariantTable table => table.Entries[^1],
        _ => ((CacheEntry[])value)[^1],
    };

    public bool Contains(CacheEntry entry)
    {
        if (value is VariantTable table)
        {
            return table.Contains(entry);
        }

        foreach (var variant in this)
        {
            if (ReferenceEquals(variant, entry))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>This set with <paramref name="entry"/> in front: the newest variant is tried first.</summary>
    public Variants With(CacheEntry entry) => value switch
    {
        null => new Variants(entry),
        CacheEntry single => new Variants(new[] { entry, single }),
        VariantTable table => new Variants(table.With(entry)),
        _ when ((CacheEntry[])value).Length < MaxScanned => new Variants((CacheEntry[])[entry, .. (CacheEntry[])value]),
        _ => new Variants(VariantTable.Of([entry, .. (CacheEntry[])value])),
    };

    /// <summary>This set without <paramref name="entry"/> (the same set when it is not a member).</summary>
    public Variants Without(CacheEntry entry)
    {
        if (value is VariantTable table)
        {
            return new Variants(table.Without(entry, MaxScanned));
        }

        if (value is not CacheEntry[] many)
        {
            return ReferenceEquals(value, entry) ? default : this;
        }

        var kept = new List<CacheEntry>(many.Length);
        foreach (var variant in many)
        {
            if (!ReferenceEquals(variant, entry))
            {
                kept.Add(variant);
            }
        }

        return kept.Count switch
        {
            0 => default,
            1 => new Variants(kept[0]),
            _ when kept.Count == many.Length => this,
            _ => new Variants(kept.ToArray()),
        };
    }

    public Enumerator GetEnumerator() => new(value);

    /// <summary>Walks the variants, newest first, without allocating.</summary>
    public struct Enumerator
    {
        private readonly CacheEntry? _single;
        private readonly CacheEntry[]? _many;
        private int _index;

        internal Enumerator(object? value)
        {
            _single = value as CacheEntry;
            _many = _single is not null ? null : value as CacheEntry[] ?? (value as VariantTable)?.Entries;
            _index = -1;
        }

        public readonly CacheEntry Current => _single ?? _many![_index];

        public bool MoveNext()
        {
            _index++;
            return _single is not null ? _index == 0 : _many is not null && _index < _many.Length;
        }
    }
}
