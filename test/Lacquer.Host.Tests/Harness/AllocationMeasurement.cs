// Tests that measure the process's allocations (GC.GetTotalAllocatedBytes) run in this collection: alone, after
// every other collection, so that no other test's requests are counted in theirs. What still runs in the
// background of the process (a disposed server's last timers, the runtime's own threads) can only add bytes,
// never take them away, so a measurement is taken over several batches and the least per operation counts.
namespace Lacquer.Harness;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurement
{
    public const string Name = "Allocation measurement";

    /// <summary>
    /// The fewest bytes the whole process allocated per operation over <paramref name="batches"/> runs of
    /// <paramref name="runBatch"/> (given the batch's number), each of which performs <paramref name="perBatch"/>
    /// operations in a loop of its own (so the measurement adds nothing per operation).
    /// </summary>
    public static async Task<long> LeastPerOperationAsync(int batches, int perBatch, Func<int, Task> runBatch)
    {
        var least = long.MaxValue;
        for (var batch = 0; batch < batches; batch++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            await runBatch(batch);
            least = Math.Min(least, (GC.GetTotalAllocatedBytes(precise: true) - before) / perBatch);
        }

        return least;
    }
}
