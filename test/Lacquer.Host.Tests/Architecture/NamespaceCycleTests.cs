// The host's capabilities (Admin, Cli, Demo, Hosting, the entry point) and the engine's, read together, depend on
// each other without a cycle (docs/architecture.md). The graph reader is the engine tests' (NamespaceGraph.cs).
// Run: dotnet test test/Lacquer.Host.Tests --filter NamespaceCycle
using Lacquer.Hosting;

namespace Lacquer.Architecture;

public sealed class NamespaceCycleTests
{
    [Fact]
    public void HostAndEngineCapabilitiesHaveNoCycle()
    {
        var graph = NamespaceGraph.Of(typeof(LacquerServer).Assembly.Location, typeof(Zones.Zone).Assembly.Location);

        Assert.True(graph.FindCycle() is null, "Namespace cycle:" + Environment.NewLine + graph.FindCycle());
        Assert.Contains("Proxy", graph.Edges["Hosting"].Keys);
    }
}
