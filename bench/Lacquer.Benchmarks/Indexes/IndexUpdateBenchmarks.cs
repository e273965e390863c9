// Index maintenance with the entry lifecycle: adding and removing one entry with 3 tags, in a zone whose
// indexes already hold 100k entries over 1,000 tags (so each tag set holds ~300 entries). First the purge
// indexes alone (ZoneIndex: tag sets and the host/path trie), then a whole store insert + remove, which adds
// the slot dictionary, size accounting, the fence check and the eviction policy.
using BenchmarkDotNet.Attributes;
using Lacquer.Benchmarks.Fixtures;
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Lacquer.Zones;

namespace Lacquer.Benchmarks.Indexes;

[MemoryDiagnoser]
public class IndexUpdateBenchmarks
{
    private const int Entries = 100_000;
    private Zone _zone = null!;
    private CacheStore _store = null!;
    private ZoneCache _zoneCache = null!;
    private CacheEntry _indexEntry = null!;
    private CacheEntry _storeEntry = null!;

    [GlobalSetup]
    public void Setup()
    {
        _zone = BenchZones.Create();
        _store = new CacheStore(long.MaxValue / 2, new LruEvictionPolicy());
        _zoneCache = _store.ZoneCache(_zone.Id);
        var body = new byte[16];
        for (var i = 0; i < Entries; i++)
        {
            _store.Insert(BenchZones.Entry(_zoneCache, BenchZones.Key(i), body, [$"t{i % 1000}", $"u{(i / 7) % 1000}", $"v{(i / 13) % 1000}"]), null, CacheSettings.DefaultMaxVariants);
        }

        _indexEntry = BenchZones.Entry(_zoneCache, "http://www.example.com/products/7/new-item", body, ["t7", "u8", "v9"]);
        _storeEntry = BenchZones.Entry(_zoneCache, "http://www.example.com/products/7/other-item", body, ["t7", "u8", "v9"]);
    }

    [Benchmark(Baseline = true)]
    public void ZoneIndex_AddRemove_3Tags()
    {
        _zoneCache.Index.Add(_indexEntry);
        _zoneCache.Index.Remove(_indexEntry);
    }

    [Benchmark]
    public bool Store_InsertRemove_3Tags()
    {
        _store.Insert(BenchZones.Reset(_storeEntry), null, CacheSettings.DefaultMaxVariants);
        return _store.Remove(_storeEntry);
    }
}
