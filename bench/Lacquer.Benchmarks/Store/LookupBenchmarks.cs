// Store lookup on the hit path (CacheStore.Lookup): the concurrent dictionary probe, the variant scan and the
// eviction policy's Touched (LRU: a lock and a list move). The store holds 100k entries.
using BenchmarkDotNet.Attributes;
using Lacquer.Benchmarks.Fixtures;
using Lacquer.Caching.Store;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Benchmarks.Store;

[MemoryDiagnoser]
public class LookupBenchmarks
{
    private const int Entries = 100_000;
    private CacheStore _store = null!;
    private IHeaderDictionary _headers = null!;
    private string[] _keys = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var zone = BenchZones.Create();
        _store = new CacheStore(long.MaxValue / 2, new LruEvictionPolicy());
        _keys = new string[Entries];
        var body = new byte[1024];
        for (var i = 0; i < Entries; i++)
        {
            _keys[i] = BenchZones.Key(i);
            _store.Insert(BenchZones.Entry(zone, _keys[i], body, [$"t{i % 100}"]), null);
        }

        _headers = BenchRequests.Get("/").Request.Headers;
    }

    /// <summary>The same key every time: the LRU move is a no-op (already at the head).</summary>
    [Benchmark(Baseline = true)]
    public object? Lookup_Hit_SameKey() => _store.Lookup(_keys[12345], _headers).Entry;

    /// <summary>A different key each time: the LRU moves the entry to the head.</summary>
    [Benchmark]
    public object? Lookup_Hit_RotatingKeys()
    {
        var i = _next;
        _next = i + 7919 >= Entries ? (i + 7919) - Entries : i + 7919;
        return _store.Lookup(_keys[i], _headers).Entry;
    }

    [Benchmark]
    public object? Lookup_Miss() => _store.Lookup("http://www.example.com/not/stored", _headers).Entry;
}
