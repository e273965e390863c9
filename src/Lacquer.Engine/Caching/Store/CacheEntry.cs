// One stored response: a variant under a primary key. Immutable once inserted, apart from the fields the
// eviction policy owns (CacheEntry.Eviction.cs) and the store's own bookkeeping (Removed, SoftPurged, Purged),
// which change under the store lock.
//
// Paid once per cached object, so its layout is watched (EntryFootprintTests; docs/performance.md, Memory):
// the status, the flags and the eviction state share one word (EntryState), and what most responses lack
// (Vary, a targeted cache-control, stale rules) is one reference to a shared EntryRules, null when absent.
using Lacquer.Caching.Keys;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Caching.Store;

internal sealed partial class CacheEntry
{
    /// <summary>Status, eviction queue, access counter and flags (EntryState); changed only by compare-and-swap.</summary>
    private int _state;

    /// <summary>Vary, targeted cache-control and stale rules; null when the response has none of them.</summary>
    private EntryRules? _rules;

    /// <summary>UTC ticks of <see cref="ResponseTime"/>: 8 bytes where a DateTimeOffset takes 16.</summary>
    private readonly long _responseTicks;

    /// <summary>The stored field list: the creator's, then from insert on its stored form (<see cref="Store"/>).</summary>
    private KeyValuePair<string, StringValues>[] _fields = [];

    /// <summary>The response's own single-line ETag and Last-Modified, held apart from <see cref="_fields"/> once stored.</summary>
    private string? _etag;
    private string? _lastModified;

    public required string PrimaryKey { get; init; }

    /// <summary>What the store keeps for the entry's zone: its fences decide whether the entry is hidden or stale.</summary>
    public required ZoneCache ZoneCache { get; init; }

    /// <summary>Field names of the response's Vary, lower-cased and sorted; empty when it has none.</summary>
    /// <remarks>Replaced on insert, with the rest of <see cref="Rules"/>, by a copy other entries may share.</remarks>
    public IReadOnlyList<string> VaryNames
    {
        get => _rules?.VaryNames ?? EntryRules.NoVaryNames;
        init => _rules = EntryRules.WithVaryNames(_rules, value);
    }

    /// <summary>The request's normalised values for <see cref="VaryNames"/>, null where the request lacked the field.</summary>
    public string?[] VaryValues
    {
        get => _rules?.VaryValues ?? EntryRules.NoVaryValues;
        init => _rules = EntryRules.WithVaryValues(_rules, value);
    }

    /// <summary>
    /// Vary, targeted cache-control and stale rules as one object, null when the response has none: set by the
    /// creator (or through the properties above), replaced once on insert by the store's shared copy (SharedRules).
    /// </summary>
    public EntryRules? Rules
    {
        get => _rules;
        set => _rules = value;
    }

    /// <summary>The status code, three digits (RFC 9110 §15).</summary>
    public required int Status
    {
        get => EntryState.Status(_state);
        init => _state = (_state & ~EntryState.StatusMask) | EntryState.OfStatus(value);
    }

    /// <summary>Response headers as served on a hit (hop-by-hop fields, tag fields and Age already removed), as one new array.</summary>
    /// <remarks>
    /// Set by the creator. Reading it copies the fields (the stored list may be shared and holds the validators
    /// apart): code on the hit path reads <see cref="Fields"/>, which allocates nothing.
    /// </remarks>
    public required KeyValuePair<string, StringValues>[] Headers
    {
        get => Fields.ToArray();
        init => _fields = value;
    }

    /// <summary>The stored fields in the order the origin sent them, with the response's own ETag and Last-Modified in place.</summary>
    public StoredFields Fields => new(_fields, _etag, _lastModified);

    /// <summary>
    /// Replaces the creator's field list by its stored form, once, on insert, before the entry is visible: a list
    /// made of shared strings, possibly an array other entries hold too (SharedArrays), never written after that,
    /// and the validators the entry keeps itself.
    /// </summary>
    public void Store(StoredFields fields)
    {
        _fields = fields.Held;
        _etag = fields.ETag;
        _lastModified = fields.LastModified;
    }

    public required byte[] Body { get; init; }

    /// <summary>Lower-cased tags from Cache-Tag, Surrogate-Key and xkey.</summary>
    /// <remarks>Replaced on insert like <see cref="Headers"/>; never written after that.</remarks>
    public required string[] Tags { get; set; }

    /// <summary>When the response was received (RFC 9111 §4.2.3 response_time).</summary>
    public required DateTimeOffset ResponseTime
    {
        get => new(_responseTicks, TimeSpan.Zero);
        init => _responseTicks = value.UtcTicks;
    }

    /// <summary>RFC 9111 §4.2.3 corrected_initial_age.</summary>
    public required TimeSpan CorrectedInitialAge { get; init; }

    public required TimeSpan FreshnessLifetime { get; init; }

    /// <summary>What the response allows once stale: revalidation rules, stale-while-revalidate, stale-if-error.</summary>
    public Semantics.StalePolicy StalePolicy
    {
        get => _rules?.StalePolicy ?? default;
        init => _rules = EntryRules.WithStalePolicy(_rules, value);
    }

    /// <summary>The targeted cache-control value (RFC 9213) that governed this entry, if any.</summary>
    public string? TargetedCacheControl
    {
        get => _rules?.TargetedCacheControl;
        init => _rules = EntryRules.WithTargetedCacheControl(_rules, value);
    }

    /// <summary>Bytes charged against <c>cache.maxBytes</c> for this entry (see <see cref="EntrySize"/>); the store refuses larger than 2 GiB.</summary>
    public int Size { get; set; }

    /// <summary>
    /// The key with its URL, host and path as ranges of it, for the purge indexes and selectors: split on each
    /// read (a few searches of the key, no allocation) rather than held, which cost 8 bytes per entry.
    /// </summary>
    public KeyParts Parts => KeyParts.Of(PrimaryKey);

    /// <summary>The store's purge sequence when the entry was inserted: a purge-everything with a later sequence hides it.</summary>
    public long InsertSequence { get; set; }

    /// <summary>Marked stale by a soft purge: it may only be served after revalidation.</summary>
    public bool SoftPurged
    {
        get => EntryState.Has(Volatile.Read(ref _state), EntryState.SoftPurgedBit);
        set => UpdateState(EntryState.SoftPurgedBit, value ? EntryState.SoftPurgedBit : 0);
    }

    /// <summary>The path-index node holding this entry; owned by the zone's PathIndex, under the store lock.</summary>
    public Indexes.PathNode? PathNode { get; set; }

    /// <summary>Set once, under the store lock, when the entry leaves the store.</summary>
    public bool Removed
    {
        get => EntryState.Has(Volatile.Read(ref _state), EntryState.RemovedBit);
        set => UpdateState(EntryState.RemovedBit, value ? EntryState.RemovedBit : 0);
    }

    /// <summary>
    /// Hidden by a large hard purge that left its removal to the background reclaim (CacheStore.Purge.cs);
    /// set once, under the store lock.
    /// </summary>
    public bool Purged
    {
        get => EntryState.Has(Volatile.Read(ref _state), EntryState.PurgedBit);
        set => UpdateState(EntryState.PurgedBit, value ? EntryState.PurgedBit : 0);
    }

    /// <summary>Hidden by a hard purge (of this entry, or of its whole zone) that has not been reclaimed yet: never served.</summary>
    public bool IsHidden => Purged || InsertSequence < ZoneCache.HardPurgedBefore;

    /// <summary>Marked stale by a soft purge, of this entry or of its whole zone.</summary>
    public bool IsSoftPurged => SoftPurged || InsertSequence < ZoneCache.SoftPurgedBefore;

    /// <summary>
    /// Sets the bits of <paramref name="mask"/> in the state word to <paramref name="bits"/>, keeping every other
    /// bit: retried until no concurrent change (a hit's counter touch, most often) came in between.
    /// </summary>
    private void UpdateState(int mask, int bits)
    {
        var current = Volatile.Read(ref _state);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _state, (current & ~mask) | bits, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    public TimeSpan CurrentAge(DateTimeOffset now) =>
        Semantics.AgeCalculation.CurrentAge(CorrectedInitialAge, ResponseTime, now);

    public bool IsFresh(DateTimeOffset now) => FreshnessLifetime > CurrentAge(now);
}
