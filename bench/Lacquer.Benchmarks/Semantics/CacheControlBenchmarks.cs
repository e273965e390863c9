// Header parsing: what a hit parses (the request's Cache-Control/Pragma, usually absent) and what a fill
// parses (the origin's Cache-Control and the other RFC 9111 fields).
using BenchmarkDotNet.Attributes;
using Lacquer.Caching.Semantics;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Benchmarks.Semantics;

[MemoryDiagnoser]
public class CacheControlBenchmarks
{
    private const string ResponseCacheControl = "public, max-age=3600, s-maxage=600, stale-while-revalidate=30";

    [Benchmark(Baseline = true)]
    public object Parse_ResponseCacheControl() => CacheControl.Parse(ResponseCacheControl);

    [Benchmark]
    public object Parse_RequestMaxAgeZero() => CacheControl.Parse("max-age=0");

    /// <summary>What every hit does: request facts with no Cache-Control, no Pragma, no Authorization.</summary>
    [Benchmark]
    public object RequestFacts_Hit() => RequestFacts.Parse(HttpMethods.Get, null, null, false);

    [Benchmark]
    public object ResponseFacts_Fill() => ResponseFacts.Parse(
        200,
        ResponseCacheControl,
        "Wed, 02 Jul 2025 11:00:00 GMT",
        "Wed, 02 Jul 2025 10:00:00 GMT",
        "Tue, 01 Jul 2025 10:00:00 GMT",
        null,
        "Accept-Encoding",
        false);
}
