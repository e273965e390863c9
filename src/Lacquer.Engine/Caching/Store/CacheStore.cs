// The in-memory store: primary key -> its Vary variants (one entry, an array of a few, or a hash table of many:
// Variants.cs). A key keeps at most its zone's maxVariants variants: a new one beyond that evicts the oldest, so
// a URL whose origin varies on a header with endless values costs a bounded amount of memory and lock time.
//
// Concurrency: reads (Lookup) are lock-free: the key map (SlotTable: key tables in shards, so that it grows
// without a long pause) is read without a lock and the value under a key is replaced, never mutated. Every mutation (insert, replace, evict, remove) happens under _lock, which keeps
// _storedBytes, the zones' state (ZoneCache: indexes, fences, counters) and the eviction policy consistent
// with the key table.
//
// Zones. The store keeps one ZoneCache per zone id, made on first use and kept for the store's lifetime, so a
// configuration reload that keeps a zone's id keeps its entries. The store knows zones only by that id and
// that state: what a zone's configuration says reaches it as arguments (the variant bound on insert).
//
// Invariant 2 (memory is bounded): an insert first evicts until the new entry fits, so _storedBytes never
// exceeds MaxBytes; an entry larger than MaxBytes on its own is refused. Checked after every insert.
using System.Collections.Concurrent;
using System.Diagnostics;
using Lacquer.Caching.Keys;

namespace Lacquer.Caching.Store;

internal sealed partial class CacheStore
{
    /// <summary>Primary key -> <see cref="Variants.Value"/>: the key's one entry, or its variants; looked up by the key's characters (a hit never builds the key string).</summary>
    private readonly SlotTable _slots = new();
    private readonly SharedStrings _shared = new();
    private readonly SharedArrays _sharedArrays = new();
    private readonly SharedRules _sharedRules = new();
    private readonly IEvictionPolicy _policy;
    private readonly Lock _lock = new();
    private readonly TaskScheduler _reclaimScheduler;
    private long _storedBytes;
    private long _count;

    /// <summary>Zone id -> what the store keeps for the zone; ids compare as the configuration does, case-insensitively.</summary>
    private readonly ConcurrentDictionary<string, ZoneCache> _zones = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="reclaimScheduler">Where the background reclaim of hard-purged entries runs (tests hold it back); default the thread pool.</param>
    public CacheStore(long maxBytes, IEvictionPolicy policy, TaskScheduler? reclaimScheduler = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        MaxBytes = maxBytes;
        _policy = policy;
        _reclaimScheduler = reclaimScheduler ?? TaskScheduler.Default;
    }

    public long MaxBytes { get; }

    public long StoredBytes => Interlocked.Read(ref _storedBytes);

    public long Count => Interlocked.Read(ref _count);

    /// <summary>What the store keeps for the zone with this id, made empty on first use.</summary>
    public ZoneCache ZoneCache(string zoneId) => _zones.GetOrAdd(zoneId, static id => new ZoneCache(id));

    /// <summary>
    /// Finds the variant stored under <paramref name="primaryKey"/> that matches the request's Vary fields, read
    /// from <paramref name="request"/> only for the names a stored variant lists (IRequestFields).
    /// </summary>
    public CacheLookup Lookup<TFields>(ReadOnlySpan<char> primaryKey, TFields request)
        where TFields : IRequestFields
    {
        if (!_slots.TryGetValue(primaryKey, out var stored))
        {
            return CacheLookup.None;
        }

        if (stored is VariantTable table)
        {
            var found = table.Find(request, out var anyVisible);
            if (found is not null)
            {
                _policy.Touched(found);
            }

            return new CacheLookup(found, anyVisible);
        }

        var any = false;
        foreach (var variant in new Variants(stored))
        {
            if (variant.IsHidden)
            {
                continue;
            }

            any = true;
            if (VaryValues.Matches(variant.VaryNames, variant.VaryValues, request))
            {
                _policy.Touched(variant);
                return new CacheLookup(variant, true);
            }
        }

        return new CacheLookup(null, any);
    }

    /// <summary>
    /// Stores <paramref name="entry"/>, replacing the variant it supersedes and evicting as needed, unless a
    /// hard purge that ran since <paramref name="ticket"/> was taken covers it (see CacheStore.Purge.cs). The
    /// entry's field, tag and Vary lists are first swapped for copies made of shared strings, and for shared
    /// arrays where other entries have equal lists (SharedStrings, SharedArrays), and its rules (Vary, targeted
    /// cache-control, stale rules) for an equal object another entry holds (SharedRules). A key keeps at most <paramref name="maxVariants"/> variants (the
    /// zone's maxVariants): the oldest leave to make room.
    /// </summary>
    public InsertResult Insert(CacheEntry entry, FillTicket? ticket, int maxVariants)
    {
        var size = EntrySize.Of(entry.PrimaryKey, entry.Fields, entry.Body.Length, entry.Tags, entry.VaryValues);
        var fields = StoredFields.Split(entry.Fields, _shared);
        entry.Store(fields.Over(_sharedArrays.Share(fields.Held)));
        entry.Tags = _sharedArrays.Share(_shared.ShareAll(entry.Tags));
        if (entry.Rules is { } rules)
        {
            entry.Rules = _sharedRules.Share(rules.WithSharedParts(_shared, _sharedArrays));
        }

        if (size > MaxBytes || size > int.MaxValue)
        {
            return InsertResult.TooLarge;
        }

        entry.Size = (int)size;

        using (EnterLock())
        {
            var result = CheckFencesLocked(entry, ticket);
            if (result == InsertResult.Purged)
            {
                return result;
            }

            entry.SoftPurged = result == InsertResult.StoredStale;
            entry.InsertSequence = _purgeSequence;
            foreach (var existing in VariantsLocked(entry.PrimaryKey))
            {
                if (existing.IsHidden || Supersedes(entry, existing))
                {
                    RemoveLocked(existing);
                }
            }

            EvictOldVariantsLocked(entry, maxVariants);
            MakeRoomLocked(entry.Size);

            // Read again: making room may have evicted other variants of this key.
            _slots.Set(entry.PrimaryKey, VariantsLocked(entry.PrimaryKey).With(entry).Value!);

            _storedBytes += entry.Size;
            _count++;
            entry.ZoneCache.Stored(entry.Size);
            _policy.Admitted(entry);
            entry.ZoneCache.Index.Add(entry);
            if (_storedBytes > MaxBytes)
            {
                throw new InvalidOperationException($"Invariant 2 violated: {_storedBytes} stored bytes exceed the limit of {MaxBytes}.");
            }

            return result;
        }
    }

    /// <summary>Makes room under the entry's key for one more variant: the oldest leave while the zone's bound is reached.</summary>
    private void EvictOldVariantsLocked(CacheEntry incoming, int maxVariants)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        var variants = VariantsLocked(incoming.PrimaryKey);
        while (variants.Count >= maxVariants && variants.Oldest is { } oldest)
        {
            if (!RemoveLocked(oldest))
            {
                throw new InvalidOperationException($"A stored variant could not be removed: {oldest.PrimaryKey}");
            }

            oldest.ZoneCache.Evicted();
            variants = VariantsLocked(incoming.PrimaryKey);
        }
    }

    /// <summary>The variants stored under <paramref name="primaryKey"/>; a snapshot, valid while the lock is held.</summary>
    private Variants VariantsLocked(string primaryKey)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        return new(_slots.TryGetValue(primaryKey, out var stored) ? stored : null);
    }

    /// <summary>A new response replaces the variant with the same Vary selection, and any variant stored under a different Vary.</summary>
    private static bool Supersedes(CacheEntry incoming, CacheEntry existing)
    {
        if (!incoming.VaryNames.SequenceEqual(existing.VaryNames, StringComparer.Ordinal))
        {
            return true;
        }

        for (var i = 0; i < incoming.VaryValues.Length; i++)
        {
            if (!string.Equals(incoming.VaryValues[i], existing.VaryValues[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
