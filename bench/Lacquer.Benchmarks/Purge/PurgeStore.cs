// A store of tiny entries for the purge benchmarks: entry i has key BenchZones.Key(i) and the tags
// "g{i % 10}" (so each g-tag matches a tenth of the store) and "n{i}" (unique). maxBytes is large enough
// that nothing is evicted.
using Lacquer.Benchmarks.Fixtures;
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Lacquer.Zones;

namespace Lacquer.Benchmarks.Purge;

internal sealed class PurgeStore
{
    private PurgeStore(Zone zone, CacheStore store, CacheEntry[] entries)
    {
        Zone = zone;
        Store = store;
        Entries = entries;
    }

    public Zone Zone { get; }

    public CacheStore Store { get; }

    public CacheEntry[] Entries { get; }

    public static PurgeStore Build(int count)
    {
        var zone = BenchZones.Create();
        var store = new CacheStore(long.MaxValue / 2, new LruEvictionPolicy());
        var entries = new CacheEntry[count];
        var body = new byte[16];
        for (var i = 0; i < count; i++)
        {
            entries[i] = BenchZones.Entry(store.ZoneCache(zone.Id), BenchZones.Key(i), body, [$"g{i % 10}", $"n{i}"]);
            store.Insert(entries[i], null, CacheSettings.DefaultMaxVariants);
        }

        return new PurgeStore(zone, store, entries);
    }

    /// <summary>Waits for the background reclaim of earlier hard purges, then puts back every entry that left the store.</summary>
    public void Refill()
    {
        Store.Sweep.GetAwaiter().GetResult();
        foreach (var entry in Entries)
        {
            if (entry.Removed)
            {
                Store.Insert(BenchZones.Reset(entry), null, CacheSettings.DefaultMaxVariants);
            }
        }
    }
}
