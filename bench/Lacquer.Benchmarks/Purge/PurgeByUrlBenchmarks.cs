// Issue 3: "purge by URL under 1 ms at the API". Hard purges of one URL each (all variants) in a store of 1M
// entries, through PurgeService (the HTTP layer is measured by bench/run.sh). Every invocation purges a
// different stored URL; the iteration setup re-inserts those purged by the previous iteration.
using BenchmarkDotNet.Attributes;
using Lacquer.Benchmarks.Fixtures;
using Lacquer.Caching.Store;
using Lacquer.Purge;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lacquer.Benchmarks.Purge;

[MemoryDiagnoser]
public class PurgeByUrlBenchmarks
{
    private const int PerIteration = 2_000;
    private PurgeStore _fixture = null!;
    private PurgeService _purges = null!;
    private PurgeCommand[] _commands = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = PurgeStore.Build(1_000_000);
        _purges = new PurgeService(_fixture.Store, TimeProvider.System, NullLogger.Instance);
        _commands = new PurgeCommand[PerIteration];
        for (var i = 0; i < PerIteration; i++)
        {
            var url = new Uri(BenchZones.Key(i * 397));
            _commands[i] = new PurgeCommand([_fixture.Zone], [PurgeSelector.ForUrl(url)], Soft: false);
        }
    }

    [IterationSetup]
    public void Refill()
    {
        _fixture.Refill();
        _next = 0;
    }

    [Benchmark]
    [InvocationCount(PerIteration)]
    public long Hard_Url_1Of1M()
    {
        var matched = _purges.Purge(_commands[_next++], "bench", "benchmark").Matched;
        return matched == 1 ? matched : throw new InvalidOperationException($"matched {matched}");
    }
}
