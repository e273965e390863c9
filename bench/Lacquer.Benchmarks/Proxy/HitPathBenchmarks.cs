// The whole hit as the proxy listener runs it (CachingProxy.HandleAsync) minus Kestrel: zone by Host, key,
// request directives, lookup, freshness, counters, and the response written to Stream.Null. Its Allocated
// column is "allocations per hit" of docs/performance.md: what the engine adds on top of the server.
// Also: a conditional hit answered 304 (If-None-Match), and a hit in a zone with two key headers whose
// Accept-Language value is a list that needs normalising. Hit_1KiB_Observed adds what the proxy listener does
// after each request (RequestObserver: outcome, per-zone count, duration histogram with the OpenTelemetry SDK
// listening) and Hit_1KiB_Logged the request log's channel on top (docs/observability.md, "Cost on a hit").
using BenchmarkDotNet.Attributes;
using Lacquer.Benchmarks.Fixtures;
using Lacquer.Caching.Keys;
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Lacquer.Diagnostics;
using Lacquer.Forwarding;
using Lacquer.Proxy;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry.Metrics;

namespace Lacquer.Benchmarks.Proxy;

[MemoryDiagnoser]
public class HitPathBenchmarks
{
    private CachingProxy _proxy = null!;
    private OriginClient _origin = null!;
    private HttpContext _context = null!;
    private HttpContext _conditional = null!;
    private CachingProxy _keyedProxy = null!;
    private HttpContext _keyed = null!;
    private LacquerMetrics _metrics = null!;
    private MeterProvider _listener = null!;
    private RequestObserver _observer = null!;
    private RequestObserver _loggingObserver = null!;
    private RequestLog _log = null!;

    [GlobalSetup]
    public void Setup()
    {
        var zone = BenchZones.Create();
        var store = new CacheStore(1L << 30, new LruEvictionPolicy());
        for (var i = 0; i < 10_000; i++)
        {
            store.Insert(BenchZones.Entry(store.ZoneCache(zone.Id), BenchZones.Key(i), new byte[1024], [$"t{i % 100}"]), null, CacheSettings.DefaultMaxVariants);
        }

        _origin = new OriginClient(TimeProvider.System);
        var zones = new ZoneTable([zone]);
        _metrics = new LacquerMetrics(() => zones.Zones);
        _listener = BenchMetrics.Listen(_metrics);
        _proxy = new CachingProxy(zones, store, 16_000_000, _origin, TimeProvider.System, NullLogger.Instance, _metrics);
        _observer = new RequestObserver(_metrics, log: null, TimeProvider.System);
        _log = new RequestLog(Stream.Null, RequestLogFormat.Combined);
        _loggingObserver = new RequestObserver(_metrics, _log, TimeProvider.System);
        _context = BenchRequests.Get("/products/1/item-1");
        _proxy.HandleAsync(_context, default).GetAwaiter().GetResult();
        ExpectHit(_context, 200);

        _conditional = BenchRequests.Get("/products/1/item-1");
        _conditional.Request.Headers.IfNoneMatch = BenchZones.TypicalHeaders[2].Value;
        _proxy.HandleAsync(_conditional, default).GetAwaiter().GetResult();
        ExpectHit(_conditional, 304);

        var keyedZone = BenchZones.Create("CF-Device-Type", "Accept-Language");
        var keyedStore = new CacheStore(1L << 30, new LruEvictionPolicy());
        _keyedProxy = new CachingProxy(new ZoneTable([keyedZone]), keyedStore, 16_000_000, _origin, TimeProvider.System, NullLogger.Instance);
        _keyed = BenchRequests.Get("/products/1/item-1");
        _keyed.Request.Headers["CF-Device-Type"] = "mobile";
        _keyed.Request.Headers.AcceptLanguage = "en-US, en;q=0.9";
        _keyedProxy.Zones.Resolve(_keyed, out _, out var keyedSite);
        keyedStore.Insert(BenchZones.Entry(keyedStore.ZoneCache(keyedZone.Id), RequestTarget.Key(keyedSite.Scheme, keyedSite.Host, keyedZone.CacheKeyHeaders, _keyed), new byte[1024], ["a"]), null, CacheSettings.DefaultMaxVariants);
        _keyedProxy.HandleAsync(_keyed, default).GetAwaiter().GetResult();
        ExpectHit(_keyed, 200);
    }

    private static void ExpectHit(HttpContext context, int status)
    {
        if (context.Response.StatusCode != status || !context.Response.Headers["Cache-Status"].ToString().Contains("hit", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The benchmark request is not a hit; the fixture is wrong.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _origin.Dispose();
        _listener.Dispose();
        _log.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _metrics.Dispose();
    }

    [Benchmark]
    public Task Hit_1KiB()
    {
        BenchRequests.ResetResponse(_context);
        return _proxy.HandleAsync(_context, default);
    }

    [Benchmark]
    public Task Hit_1KiB_Observed() => Observed(_observer);

    [Benchmark]
    public Task Hit_1KiB_Logged() => Observed(_loggingObserver);

    private async Task Observed(RequestObserver observer)
    {
        BenchRequests.ResetResponse(_context);
        var started = observer.Start();
        var match = _proxy.Zones.Resolve(_context, out var zone, out var site);
        await _proxy.HandleAsync(_context, match, zone, site, default);
        observer.Finish(_context, started, purge: false, match == HostMatch.Zone ? zone : null);
    }

    [Benchmark]
    public Task Hit_NotModified()
    {
        BenchRequests.ResetResponse(_conditional);
        return _proxy.HandleAsync(_conditional, default);
    }

    [Benchmark]
    public Task Hit_TwoKeyHeaders()
    {
        BenchRequests.ResetResponse(_keyed);
        return _keyedProxy.HandleAsync(_keyed, default);
    }
}
