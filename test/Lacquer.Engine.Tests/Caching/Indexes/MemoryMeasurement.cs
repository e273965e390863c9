// Tests that measure retained memory with GC.GetTotalMemory run in this collection, alone: xUnit runs a
// collection with parallelization disabled after every other test, so no other test's objects come and go
// while they measure.
namespace Lacquer.Caching.Indexes;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurement
{
    public const string Name = "memory measurement";
}
