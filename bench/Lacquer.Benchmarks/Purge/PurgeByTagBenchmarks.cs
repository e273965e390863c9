// Issue 3: "purge by tag matching 100k entries out of 1M completes in under 100 ms". One hard purge of tag g3
// (every tenth entry) through PurgeService, as the API calls it (id, audit record; the logger is off).
// Each iteration purges 100k: the iteration setup re-inserts what the previous one removed.
using BenchmarkDotNet.Attributes;
using Lacquer.Caching.Store;
using Lacquer.Purge;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lacquer.Benchmarks.Purge;

[MemoryDiagnoser]
public class PurgeByTagBenchmarks
{
    private PurgeStore _fixture = null!;
    private PurgeService _purges = null!;
    private PurgeCommand _hard = null!;
    private PurgeCommand _soft = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = PurgeStore.Build(1_000_000);
        _purges = new PurgeService(_fixture.Store, TimeProvider.System, NullLogger.Instance);
        _hard = new PurgeCommand([_fixture.Zone], [PurgeSelector.ForTag("g3")], Soft: false);
        _soft = new PurgeCommand([_fixture.Zone], [PurgeSelector.ForTag("g3")], Soft: true);
    }

    [IterationSetup]
    public void Refill() => _fixture.Refill();

    [Benchmark(Baseline = true)]
    [InvocationCount(1)]
    public long Hard_Tag_100kOf1M()
    {
        var matched = _purges.Purge(_hard, "bench", "benchmark").Matched;
        return matched == 100_000 ? matched : throw new InvalidOperationException($"matched {matched}");
    }

    [Benchmark]
    [InvocationCount(1)]
    public long Soft_Tag_100kOf1M() => _purges.Purge(_soft, "bench", "benchmark").Matched;
}
