// Tests that measure the process's allocations (GC.GetTotalAllocatedBytes) run in this collection: alone, after
// every other collection, so that no other test's allocations are counted in theirs.
namespace Lacquer.Harness;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurement
{
    public const string Name = "Allocation measurement";
}
