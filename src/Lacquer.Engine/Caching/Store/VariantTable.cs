// A key's variants once there are more than Variants.MaxScanned of them: the entries, newest first, and a hash
// index over their Vary values, so that a lookup costs one hash of the request's values and one comparison
// whatever the number of variants (a scan of thousands made every hit on such a key slow).
//
// Immutable, like every value the store's key table holds (Variants.cs): With and Without build a new table
// under the store lock, carrying the hashes over, so a change costs O(n) copying with n bounded by the zone's
// maxVariants, and a lock-free reader keeps using the table it found.
//
// Every variant under one key has the same Vary names: an insert removes the variants stored under another Vary
// (CacheStore.Supersedes). A request is hashed with those names; Matches then confirms the candidate with the
// entry's own names and values, so a collision or a stale assumption costs a miss, never a wrong answer.
//
// Memory: about 32 bytes per variant (its slot in three arrays and up to four bucket slots), inside the margin
// of EntrySize's fixed charge; IndexMemoryTests measures keys holding full tables against what the store charges.
using System.Diagnostics;
using System.Numerics;
using Lacquer.Caching.Keys;

namespace Lacquer.Caching.Store;

internal sealed class VariantTable
{
    /// <summary>Per bucket: 1 + the index of the first entry of its chain, 0 when empty.</summary>
    private readonly int[] _buckets;

    /// <summary>Per entry: 1 + the index of the next entry in its bucket's chain, 0 at the end.</summary>
    private readonly int[] _next;

    /// <summary>Per entry: <see cref="VaryValues.Hash(string?[])"/> of its values.</summary>
    private readonly int[] _hashes;

    private VariantTable(CacheEntry[] entries, int[] hashes)
    {
        Debug.Assert(entries.Length == hashes.Length && entries.Length > 0);
        Entries = entries;
        _hashes = hashes;
        _next = new int[entries.Length];
        _buckets = new int[(int)BitOperations.RoundUpToPowerOf2((uint)entries.Length * 2)];

        // Oldest first, so that a chain lists newer entries before older ones.
        for (var i = entries.Length - 1; i >= 0; i--)
        {
            Debug.Assert(entries[i].VaryNames.SequenceEqual(entries[0].VaryNames), "All variants of a key share their Vary names.");
            ref var bucket = ref _buckets[hashes[i] & (_buckets.Length - 1)];
            _next[i] = bucket;
            bucket = i + 1;
        }
    }

    /// <summary>The variants, newest first; never empty.</summary>
    public CacheEntry[] Entries { get; }

    /// <summary>A table of <paramref name="entries"/> (newest first), hashing each.</summary>
    public static VariantTable Of(CacheEntry[] entries)
    {
        var hashes = new int[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            hashes[i] = VaryValues.Hash(entries[i].VaryValues);
        }

        return new VariantTable(entries, hashes);
    }

    /// <summary>The visible variant the request selects, or null; <paramref name="anyVisible"/> tells whether the key has any.</summary>
    public CacheEntry? Find<TFields>(TFields request, out bool anyVisible)
        where TFields : IRequestFields
    {
        var hash = VaryValues.Hash(Entries[0].VaryNames, request);
        for (var i = _buckets[hash & (_buckets.Length - 1)]; i != 0; i = _next[i - 1])
        {
            var entry = Entries[i - 1];
            if (_hashes[i - 1] == hash && !entry.IsHidden && VaryValues.Matches(entry.VaryNames, entry.VaryValues, request))
            {
                anyVisible = true;
                return entry;
            }
        }

        // A vary miss. Usually the newest variant is visible and this stops at once; it walks further only while
        // a purge's hidden entries wait for their reclaim.
        anyVisible = false;
        foreach (var entry in Entries)
        {
            if (!entry.IsHidden)
            {
                anyVisible = true;
                break;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="entry"/> is one of the variants (by reference), found through its hash.</summary>
    public bool Contains(CacheEntry entry) => IndexOf(entry) >= 0;

    /// <summary>This table with <paramref name="entry"/> in front.</summary>
    public VariantTable With(CacheEntry entry) =>
        new([entry, .. Entries], [VaryValues.Hash(entry.VaryValues), .. _hashes]);

    /// <summary>
    /// The variants other than <paramref name="entry"/>: this table when it is not a member; otherwise a smaller
    /// table, or, at <paramref name="scanLimit"/> variants or fewer, their array (or the one entry left).
    /// </summary>
    public object Without(CacheEntry entry, int scanLimit)
    {
        var index = IndexOf(entry);
        if (index < 0)
        {
            return this;
        }

        var count = Entries.Length - 1;
        if (count == 1)
        {
            return Entries[1 - index];
        }

        CacheEntry[] entries = [.. Entries.AsSpan(0, index), .. Entries.AsSpan(index + 1)];
        return count <= scanLimit ? entries : new VariantTable(entries, [.. _hashes.AsSpan(0, index), .. _hashes.AsSpan(index + 1)]);
    }

    private int IndexOf(CacheEntry entry)
    {
        var hash = VaryValues.Hash(entry.VaryValues);
        for (var i = _buckets[hash & (_buckets.Length - 1)]; i != 0; i = _next[i - 1])
        {
            if (ReferenceEquals(Entries[i - 1], entry))
            {
                return i - 1;
            }
        }

        return -1;
    }
}
