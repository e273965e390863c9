// Cache key computation for one request (CachingProxy step 3): without key headers, the common case, and
// with three configured key headers (CF-Device-Type, CF-IPCountry, Accept-Language).
using BenchmarkDotNet.Attributes;
using Lacquer.Benchmarks.Fixtures;
using Lacquer.Caching.Keys;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Benchmarks.Keys;

[MemoryDiagnoser]
public class CacheKeyBenchmarks
{
    private Zone _plainZone = null!;
    private Zone _keyedZone = null!;
    private HttpContext _context = null!;
    private SiteAddress _site;

    [GlobalSetup]
    public void Setup()
    {
        _plainZone = BenchZones.Create();
        _keyedZone = BenchZones.Create("CF-Device-Type", "CF-IPCountry", "Accept-Language");
        _context = BenchRequests.Get("/products/42/item-4242?color=red&size=m");
        _context.Request.Headers["CF-Device-Type"] = "desktop";
        _context.Request.Headers["CF-IPCountry"] = "DE";
        _context.Request.Headers.AcceptLanguage = "de-DE, en;q=0.8";
        new ZoneTable([_plainZone]).Resolve(_context, out _, out _site);
    }

    [Benchmark(Baseline = true)]
    public string Key_NoKeyHeaders() => RequestTarget.Key(_site.Scheme, _site.Host, _plainZone.CacheKeyHeaders, _context);

    [Benchmark]
    public string Key_ThreeKeyHeaders() => RequestTarget.Key(_site.Scheme, _site.Host, _keyedZone.CacheKeyHeaders, _context);
}
