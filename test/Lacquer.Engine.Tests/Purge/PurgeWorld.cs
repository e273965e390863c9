// Builds zones, entries and stores for the purge and index tests (no server). An entry is named by its
// primary key: "http://a.example/foo?x=1", optionally followed by "\n<header>:<value>" for a zone's key
// headers, exactly the layout CacheKeys.Build produces. Helpers that check the store read only what the
// proxy reads (Lookup) and what operators read (StoredBytes, Count, zone counters).
using Lacquer.Caching.Store;
using Microsoft.AspNetCore.Http;
using Lacquer.Zones;

namespace Lacquer.Purge;

internal static class PurgeWorld
{
    public static readonly DateTimeOffset Now = StoreWorld.Now;

    /// <summary>What the store keeps for a zone with id <paramref name="name"/> (the store knows zones by id only).</summary>
    public static ZoneCache Zone(string name = "a") => new(name);

    public static CacheStore Store(long maxBytes = 16L * 1024 * 1024, TaskScheduler? reclaim = null) =>
        new(maxBytes, new LruEvictionPolicy(), reclaim);

    /// <param name="vary">An optional Vary selection "Name:value" (stored lower-cased name, the value as given).</param>
    public static CacheEntry Entry(ZoneCache zone, string key, string[]? tags = null, int bodyLength = 100, string? vary = null)
    {
        string[] varyNames = [];
        string?[] varyValues = [];
        if (vary is not null)
        {
            var colon = vary.IndexOf(':', StringComparison.Ordinal);
            varyNames = [vary[..colon].ToLowerInvariant()];
            varyValues = [vary[(colon + 1)..]];
        }

        return StoreWorld.EntryUnder(key, zone, TimeSpan.FromHours(1), bodyLength, varyNames, varyValues, tags);
    }

    /// <summary>An entry for the index tests (its key parts are read from its key).</summary>
    public static CacheEntry Indexed(ZoneCache zone, string key, params string[] tags) => Entry(zone, key, tags);

    /// <summary>Inserts an entry outside any fill (no ticket) and checks that it was stored.</summary>
    public static CacheEntry Stored(CacheStore store, ZoneCache zone, string key, params string[] tags) =>
        Stored(store, Entry(zone, key, tags));

    public static CacheEntry Stored(CacheStore store, CacheEntry entry)
    {
        Assert.Equal(InsertResult.Stored, store.Insert(entry, ticket: null, StoreWorld.MaxVariants));
        return entry;
    }

    /// <summary>Whether a request matching <paramref name="entry"/> would find exactly this entry.</summary>
    public static bool IsServed(CacheStore store, CacheEntry entry) =>
        ReferenceEquals(store.Lookup(entry.PrimaryKey, RequestFor(entry)).Entry, entry);

    /// <summary>Request headers that select <paramref name="entry"/>'s Vary variant.</summary>
    public static RequestHeaderFields RequestFor(CacheEntry entry)
    {
        var headers = new HeaderDictionary();
        for (var i = 0; i < entry.VaryNames.Count; i++)
        {
            if (entry.VaryValues[i] is { } value)
            {
                headers.Append(entry.VaryNames[i], value);
            }
        }

        return new RequestHeaderFields(headers);
    }

    public static PurgeSelector Url(string url) => PurgeSelector.ForUrl(new Uri(url));

    /// <summary>A selector from a test row: kind "url", "tag", "host", "prefix" or "everything", and its value.</summary>
    public static PurgeSelector Selector(string kind, string value) => kind switch
    {
        "url" => Url(value),
        "tag" => PurgeSelector.ForTag(value),
        "host" => PurgeSelector.ForHost(value),
        "prefix" => PurgeSelector.ForPrefix(value),
        "everything" => PurgeSelector.Everything,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static StorePurge Hard(ZoneCache zone, params PurgeSelector[] selectors) => new([zone], selectors, Soft: false);

    public static StorePurge Soft(ZoneCache zone, params PurgeSelector[] selectors) => new([zone], selectors, Soft: true);

    /// <summary>
    /// The store's bytes and count are exactly those of <paramref name="remaining"/>, and each zone's counters
    /// agree with its share of them.
    /// </summary>
    public static void AssertAccounting(CacheStore store, ZoneCache[] zones, params CacheEntry[] remaining)
    {
        Assert.Equal(remaining.Sum(entry => entry.Size), store.StoredBytes);
        Assert.Equal(remaining.Length, store.Count);
        foreach (var zone in zones)
        {
            var mine = remaining.Where(entry => ReferenceEquals(entry.ZoneCache, zone)).ToArray();
            Assert.Equal(mine.Sum(entry => entry.Size), zone.StoredBytes);
            Assert.Equal(mine.Length, zone.Objects);
        }
    }
}
