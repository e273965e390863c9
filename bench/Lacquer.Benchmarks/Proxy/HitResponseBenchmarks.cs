// Writing a hit (CachingProxy.ServeEntryAsync): stored fields copied to the response, Age computed and
// formatted, Cache-Status and Via appended, the body written. The context is a DefaultHttpContext whose body
// is Stream.Null, reused and reset between calls, so the figures are the engine's own work and allocations,
// not Kestrel's (Kestrel's response-header collection has known-header slots; this one is a dictionary).
using BenchmarkDotNet.Attributes;
using Lacquer.Benchmarks.Fixtures;
using Lacquer.Caching.Store;
using Lacquer.Proxy;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Benchmarks.Proxy;

[MemoryDiagnoser]
public class HitResponseBenchmarks
{
    private HttpContext _context = null!;
    private CacheEntry _entry = null!;
    private DateTimeOffset _now;

    [Params(1024, 1024 * 1024)]
    public int BodyBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var zone = BenchZones.Create();
        _entry = BenchZones.Entry(new ZoneCache(zone.Id), BenchZones.Key(1), new byte[BodyBytes], ["a", "b", "c"]);
        _context = BenchRequests.Get("/products/1/item-1");
        _now = _entry.ResponseTime.AddSeconds(42);
    }

    [Benchmark]
    public Task ServeEntry()
    {
        BenchRequests.ResetResponse(_context);
        return ProxyAccess.ServeEntryAsync(null, _context, _entry, _now, CacheStatus.Hit);
    }
}
