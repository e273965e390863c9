// One stored response: a variant under a primary key. Immutable once inserted, apart from the fields the
// eviction policy owns (CacheEntry.Eviction.cs) and the store's own bookkeeping (Removed, SoftPurged), which
// change under the store lock.
using Lacquer.Caching.Keys;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Caching.Store;

internal sealed partial class CacheEntry
{
    private bool _softPurged;
    private bool _purged;

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
    /// <remarks>Replaced on insert like <see cref="Headers"/> when it is an array (responses with the same Vary share one).</remarks>
    public required IReadOnlyList<string> VaryNames { get; set; }

    /// <summary>The request's normalised values for <see cref="VaryNames"/>, null where the request lacked the field.</summary>
    /// <remarks>Set by the creator; the store replaces it once on insert with a copy made of shared strings.</remarks>
    public required string?[] VaryValues { get; set; }

    public required int Status { get; init; }

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
    public Semantics.StalePolicy StalePolicy { get; init; }

    /// <summary>The targeted cache-control value (RFC 9213) that governed this entry, if any.</summary>
    public string? TargetedCacheControl { get; init; }

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
        get => Volatile.Read(ref _softPurged);
        set => Volatile.Write(ref _softPurged, value);
    }

    /// <summary>The path-index node holding this entry; owned by the zone's PathIndex, under the store lock.</summary>
    public Indexes.PathNode? PathNode { get; set; }

    /// <summary>Set once, under the store lock, when the entry leaves the store.</summary>
    public bool Removed { get; set; }

    /// <summary>
    /// Hidden by a large hard purge that left its removal to the background reclaim (CacheStore.Purge.cs);
    /// set once, under the store lock.
    /// </summary>
    public bool Purged
    {
        get => Volatile.Read(ref _purged);
        set => Volatile.Write(ref _purged, value);
    }

    /// <summary>Hidden by a hard purge (of this entry, or of its whole zone) that has not been reclaimed yet: never served.</summary>
    public bool IsHidden => Purged || InsertSequence < ZoneCache.HardPurgedBefore;

    /// <summary>Marked stale by a soft purge, of this entry or of its whole zone.</summary>
    public bool IsSoftPurged => SoftPurged || InsertSequence < ZoneCache.SoftPurgedBefore;

    public TimeSpan CurrentAge(DateTimeOffset now) =>
        Semantics.AgeCalculation.CurrentAge(CorrectedInitialAge, ResponseTime, now);

    public bool IsFresh(DateTimeOffset now) => FreshnessLifetime > CurrentAge(now);
}
