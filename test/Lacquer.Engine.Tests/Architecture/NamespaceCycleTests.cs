// The engine's capabilities (Caching, Purge, Zones, Proxy, Forwarding, Configuration, Diagnostics, Security)
// depend on each other without a cycle, so each can be read, changed and tested from its own folder with only
// what lies below it (docs/architecture.md, which gives the layers). Run: dotnet test test/Lacquer.Engine.Tests --filter NamespaceCycle
namespace Lacquer.Architecture;

public sealed class NamespaceCycleTests
{
    [Fact]
    public void EngineCapabilitiesHaveNoCycle()
    {
        var graph = NamespaceGraph.Of(typeof(Zones.Zone).Assembly.Location);

        Assert.True(graph.FindCycle() is null, "Namespace cycle:" + Environment.NewLine + graph.FindCycle());
    }

    [Fact]
    public void GraphSeesReferencesInMethodBodies()
    {
        // The engine's own graph must see what a signature alone would miss, or the check above proves little.
        var graph = NamespaceGraph.Of(typeof(Zones.Zone).Assembly.Location);

        Assert.Contains("Zones", graph.Edges["Proxy"].Keys);
        Assert.Contains("Caching", graph.Edges["Proxy"].Keys);
    }
}
