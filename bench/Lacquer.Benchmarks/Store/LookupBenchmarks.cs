// Store lookup on the hit path (CacheStore.Lookup): the concurrent dictionary probe, the variant selection and
// the eviction policy's Touched (LRU: a lock and a list move). The store holds 100k entries, plus a key with two
// Accept-Encoding variants and a key that was sent 12,000 Accept-Language variants (as many as the store keeps
// of them remain).
using BenchmarkDotNet.Attributes;
using Lacquer.Benchmarks.Fixtures;
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Benchmarks.Store;

[MemoryDiagnoser]
public class LookupBenchmarks
{
    private const int Entries = 100_000;
    private CacheStore _store = null!;
    private RequestHeaderFields _headers;
    private string[] _keys = null!;
    private int _next;
    private RequestHeaderFields _gzip;
    private RequestHeaderFields _deepVariant;
    private RequestHeaderFields _unknownVariant;
    private const int ManyVariants = 12_000;

    /// <summary>How far from the newest the looked-up variant of the many-variant key is (kept by any bound of 200 or more).</summary>
    private const int DeepVariant = 199;

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
            _store.Insert(BenchZones.Entry(_store.ZoneCache(zone.Id), _keys[i], body, [$"t{i % 100}"]), null, CacheSettings.DefaultMaxVariants);
        }

        _headers = new RequestHeaderFields(BenchRequests.Get("/").Request.Headers);

        string[] acceptEncoding = ["accept-encoding"];
        foreach (var encoding in new[] { "gzip", "br" })
        {
            var entry = BenchZones.Entry(_store.ZoneCache(zone.Id), VaryKey("two"), body, []);
            entry.Rules = EntryRules.Of(acceptEncoding, [encoding], null, default);
            _store.Insert(entry, null, CacheSettings.DefaultMaxVariants);
        }

        string[] acceptLanguage = ["accept-language"];
        for (var i = 0; i < ManyVariants; i++)
        {
            var entry = BenchZones.Entry(_store.ZoneCache(zone.Id), VaryKey("many"), body, []);
            entry.Rules = EntryRules.Of(acceptLanguage, [Language(i)], null, default);
            _store.Insert(entry, null, CacheSettings.DefaultMaxVariants);
        }

        var gzip = BenchRequests.Get("/vary/two").Request.Headers;
        gzip.AcceptEncoding = "gzip";
        _gzip = new RequestHeaderFields(gzip);
        var deepVariant = BenchRequests.Get("/vary/many").Request.Headers;
        deepVariant.AcceptLanguage = Language(ManyVariants - 1 - DeepVariant);
        _deepVariant = new RequestHeaderFields(deepVariant);
        var unknownVariant = BenchRequests.Get("/vary/many").Request.Headers;
        unknownVariant.AcceptLanguage = "none";
        _unknownVariant = new RequestHeaderFields(unknownVariant);
        if (_store.Lookup(VaryKey("two"), _gzip).Entry is null || _store.Lookup(VaryKey("many"), _deepVariant).Entry is null)
        {
            throw new InvalidOperationException("The variant lookups are not hits; the fixture is wrong.");
        }
    }

    private static string VaryKey(string name) => $"http://{BenchZones.Host}/vary/{name}";

    private static string Language(int i) => $"x-{i}";

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

    /// <summary>The older of two Accept-Encoding variants.</summary>
    [Benchmark]
    public object? Lookup_Hit_TwoVariants() => _store.Lookup("http://www.example.com/vary/two", _gzip).Entry;

    /// <summary>A variant 199 places from the newest under a key sent 12,000 variants.</summary>
    [Benchmark]
    public object? Lookup_Hit_ManyVariants() => _store.Lookup("http://www.example.com/vary/many", _deepVariant).Entry;

    /// <summary>A value no variant has, under a key sent 12,000 variants (a vary miss).</summary>
    [Benchmark]
    public object? Lookup_VaryMiss_ManyVariants() => _store.Lookup("http://www.example.com/vary/many", _unknownVariant).Entry;
}
