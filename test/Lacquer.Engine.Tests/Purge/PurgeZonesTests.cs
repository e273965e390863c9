// A purge names its zones: it matches only entries of those zones, even when another zone stores an entry
// its selector would match; a purge across two zones matches in both.
using Lacquer.Caching.Store;

namespace Lacquer.Purge;

public sealed class PurgeZonesTests
{
    [Theory]
    [InlineData("tag", "red")]
    [InlineData("everything", "")]
    public async Task Purge_Within_One_Zone_Leaves_The_Other_Zone_Alone(string kind, string value)
    {
        var (store, a, b, inA, inB) = Build();

        var count = store.Purge(PurgeWorld.Hard(a, PurgeWorld.Selector(kind, value)));
        await store.Sweep;

        Assert.Equal(1, count);
        Assert.False(PurgeWorld.IsServed(store, inA));
        Assert.True(PurgeWorld.IsServed(store, inB));
        PurgeWorld.AssertAccounting(store, [a, b], inB);
    }

    [Theory]
    [InlineData("url", "http://b.example/page")]
    [InlineData("host", "b.example")]
    [InlineData("prefix", "b.example/page")]
    public void Selector_Naming_Another_Zones_Entries_Matches_Nothing(string kind, string value)
    {
        var (store, a, b, inA, inB) = Build();

        Assert.Equal(0, store.Purge(PurgeWorld.Hard(a, PurgeWorld.Selector(kind, value))));

        PurgeWorld.AssertAccounting(store, [a, b], inA, inB);
        Assert.Equal(1, store.Purge(PurgeWorld.Hard(b, PurgeWorld.Selector(kind, value))));
        PurgeWorld.AssertAccounting(store, [a, b], inA);
    }

    [Theory]
    [InlineData("tag", "red", 2)]
    [InlineData("everything", "", 2)]
    [InlineData("url", "http://b.example/page", 1)]
    [InlineData("prefix", "a.example/", 1)]
    public async Task Purge_Across_Two_Zones_Matches_In_Both(string kind, string value, int expected)
    {
        var (store, a, b, inA, inB) = Build();

        var count = store.Purge(new StorePurge([a, b], [PurgeWorld.Selector(kind, value)], Soft: false));
        await store.Sweep;

        Assert.Equal(expected, count);
        CacheEntry[] remaining = [.. new[] { inA, inB }.Where(entry => PurgeWorld.IsServed(store, entry))];
        Assert.Equal(2 - expected, remaining.Length);
        PurgeWorld.AssertAccounting(store, [a, b], remaining);
    }

    [Theory]
    [InlineData("tag", "red")]
    [InlineData("everything", "")]
    public void Soft_Purge_Marks_Only_The_Named_Zones(string kind, string value)
    {
        var (store, a, b, inA, inB) = Build();

        Assert.Equal(1, store.Purge(PurgeWorld.Soft(b, PurgeWorld.Selector(kind, value))));
        Assert.False(inA.IsSoftPurged);
        Assert.True(inB.IsSoftPurged);

        Assert.Equal(2, store.Purge(new StorePurge([a, b], [PurgeWorld.Selector(kind, value)], Soft: true)));
        Assert.True(inA.IsSoftPurged && inB.IsSoftPurged);
        PurgeWorld.AssertAccounting(store, [a, b], inA, inB);
    }

    /// <summary>Zones a (a.example) and b (b.example) in one store, each storing /page tagged red.</summary>
    private static (CacheStore Store, ZoneCache A, ZoneCache B, CacheEntry InA, CacheEntry InB) Build()
    {
        var a = PurgeWorld.Zone("a");
        var b = PurgeWorld.Zone("b");
        var store = PurgeWorld.Store();
        var inA = PurgeWorld.Stored(store, a, "http://a.example/page", "red");
        var inB = PurgeWorld.Stored(store, b, "http://b.example/page", "red");
        return (store, a, b, inA, inB);
    }
}
