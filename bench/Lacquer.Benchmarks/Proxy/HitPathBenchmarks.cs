// The whole hit as the proxy listener runs it (CachingProxy.HandleAsync) minus Kestrel: zone by Host, key,
// request directives, lookup, freshness, counters, and the response written to Stream.Null. Its Allocated
// column is "allocations per hit" of docs/performance.md: what the engine adds on top of the server.
using BenchmarkDotNet.Attributes;
using Lacquer.Benchmarks.Fixtures;
using Lacquer.Caching.Store;
using Lacquer.Forwarding;
using Lacquer.Proxy;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lacquer.Benchmarks.Proxy;

[MemoryDiagnoser]
public class HitPathBenchmarks
{
    private CachingProxy _proxy = null!;
    private OriginClient _origin = null!;
    private HttpContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        var zone = BenchZones.Create();
        var store = new CacheStore(1L << 30, new LruEvictionPolicy());
        for (var i = 0; i < 10_000; i++)
        {
            store.Insert(BenchZones.Entry(zone, BenchZones.Key(i), new byte[1024], [$"t{i % 100}"]), null);
        }

        _origin = new OriginClient(TimeProvider.System);
        _proxy = new CachingProxy(new ZoneTable([zone]), store, 16_000_000, _origin, TimeProvider.System, NullLogger.Instance);
        _context = BenchRequests.Get("/products/1/item-1");
        _proxy.HandleAsync(_context).GetAwaiter().GetResult();
        if (_context.Response.StatusCode != 200 || !_context.Response.Headers["Cache-Status"].ToString().Contains("hit", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The benchmark request is not a hit; the fixture is wrong.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _origin.Dispose();

    [Benchmark]
    public Task Hit_1KiB()
    {
        BenchRequests.ResetResponse(_context);
        return _proxy.HandleAsync(_context);
    }
}
