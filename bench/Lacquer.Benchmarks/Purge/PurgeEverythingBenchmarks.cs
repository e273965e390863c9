// Issue 3: "purge-everything constant time whatever the cache size". One purge-everything of the zone at
// 10k and at 1M entries, through PurgeService. Hard hides every entry by a zone epoch and leaves the memory
// to a background sweep; the iteration setup waits for that sweep and re-inserts everything, so each
// iteration purges a full store. Soft only moves the zone's soft epoch (nothing to refill).
using BenchmarkDotNet.Attributes;
using Lacquer.Caching.Store;
using Lacquer.Purge;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lacquer.Benchmarks.Purge;

[MemoryDiagnoser]
public class PurgeEverythingBenchmarks
{
    private PurgeStore _fixture = null!;
    private PurgeService _purges = null!;
    private PurgeCommand _hard = null!;
    private PurgeCommand _soft = null!;

    [Params(10_000, 1_000_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = PurgeStore.Build(Entries);
        _purges = new PurgeService(_fixture.Store, TimeProvider.System, NullLogger.Instance);
        _hard = new PurgeCommand([_fixture.Zone], [PurgeSelector.Everything], Soft: false);
        _soft = new PurgeCommand([_fixture.Zone], [PurgeSelector.Everything], Soft: true);
    }

    [IterationSetup]
    public void Refill()
    {
        _fixture.Store.Sweep.GetAwaiter().GetResult();
        _fixture.Refill();
    }

    [Benchmark(Baseline = true)]
    [InvocationCount(1)]
    public long Hard_Everything()
    {
        var matched = _purges.Purge(_hard, "bench", "benchmark").Matched;
        return matched == Entries ? matched : throw new InvalidOperationException($"matched {matched} of {Entries}");
    }

    [Benchmark]
    [InvocationCount(1)]
    public long Soft_Everything() => _purges.Purge(_soft, "bench", "benchmark").Matched;
}
