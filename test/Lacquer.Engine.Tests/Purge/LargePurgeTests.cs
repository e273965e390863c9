// A hard purge that matches more than CacheStore.DefaultEagerRemovalLimit entries hides them under the store lock
// (lookups miss from the moment it returns) and leaves their removal to the background reclaim, which
// removes exactly those entries in batches. These tests pin what must hold in between: nothing hidden is
// served or matched again, new fills of the same keys are served and survive the reclaim, eviction and
// purge-everything stay consistent, and the accounting is exact once Sweep completes.
using Lacquer.Caching.Store;

namespace Lacquer.Purge;

public sealed class LargePurgeTests
{
    private const int Many = CacheStore.DefaultEagerRemovalLimit * 2;

    [Fact]
    public async Task A_Large_Hard_Purge_Hides_Every_Match_At_Once_And_The_Reclaim_Removes_Exactly_Those()
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        var entries = Enumerable.Range(0, Many * 2)
            .Select(i => PurgeWorld.Stored(store, zone, $"http://a.example/p/{i}", i % 2 == 0 ? "even" : "odd"))
            .ToArray();
        var even = entries.Where((_, i) => i % 2 == 0).ToArray();
        var odd = entries.Where((_, i) => i % 2 == 1).ToArray();

        var matched = store.Purge(PurgeWorld.Hard(zone, PurgeSelector.ForTag("even")));

        Assert.Equal(Many, matched);
        Assert.All(even, entry => Assert.False(PurgeWorld.IsServed(store, entry)));
        Assert.All(odd, entry => Assert.True(PurgeWorld.IsServed(store, entry)));
        Assert.Equal(0, store.Purge(PurgeWorld.Hard(zone, PurgeSelector.ForTag("even"))));
        Assert.Equal(0, store.Purge(PurgeWorld.Soft(zone, PurgeSelector.ForTag("even"))));
        Assert.Equal(Many, store.Purge(PurgeWorld.Soft(zone, PurgeSelector.ForPrefix("a.example/p"))));

        await store.Sweep;

        Assert.All(even, entry => Assert.True(entry.Removed));
        Assert.All(odd, entry => Assert.False(entry.Removed));
        Assert.Empty(zone.Index.Tags.Find("even"));
        Assert.Equal(0, zone.HiddenEntries);
        PurgeWorld.AssertAccounting(store, [zone], odd);
    }

    [Fact]
    public void Until_The_Reclaim_Runs_Hidden_Entries_Still_Count_As_Stored_And_Stats_Show_Them_Pending()
    {
        var reclaim = new HeldTaskScheduler();
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store(reclaim: reclaim);
        var entries = Enumerable.Range(0, Many + 5)
            .Select(i => PurgeWorld.Stored(store, zone, $"http://a.example/{i}", i < Many ? "big" : "small"))
            .ToArray();

        Assert.Equal(Many, store.Purge(PurgeWorld.Hard(zone, PurgeSelector.ForTag("big"))));

        Assert.All(entries[..Many], entry => Assert.False(PurgeWorld.IsServed(store, entry)));
        Assert.All(entries[..Many], entry => Assert.False(entry.Removed));
        Assert.False(store.Sweep.IsCompleted);
        Assert.Equal(entries.Length, store.Count);
        Assert.Equal((Objects: (long)entries.Length, Pending: (long)Many), StatsOf(zone));

        reclaim.RunAll();

        Assert.True(store.Sweep.IsCompletedSuccessfully);
        Assert.All(entries[..Many], entry => Assert.True(entry.Removed));
        Assert.Equal((Objects: 5L, Pending: 0L), StatsOf(zone));
        PurgeWorld.AssertAccounting(store, [zone], entries[Many..]);
    }

    [Fact]
    public void A_Key_Stored_Again_Before_The_Reclaim_Is_Served_And_Survives_It()
    {
        var reclaim = new HeldTaskScheduler();
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store(reclaim: reclaim);
        var old = Enumerable.Range(0, Many).Select(i => PurgeWorld.Stored(store, zone, $"http://a.example/{i}", "red")).ToArray();

        store.Purge(PurgeWorld.Hard(zone, PurgeSelector.ForTag("red")));
        var refilled = PurgeWorld.Stored(store, zone, "http://a.example/7", "red");

        Assert.True(PurgeWorld.IsServed(store, refilled));
        Assert.True(old[7].Removed);
        Assert.False(old[8].Removed);
        reclaim.RunAll();

        Assert.True(PurgeWorld.IsServed(store, refilled));
        Assert.Equal([refilled], zone.Index.Tags.Find("red"));
        PurgeWorld.AssertAccounting(store, [zone], refilled);
    }

    [Fact]
    public async Task Purge_Everything_After_A_Large_Purge_Counts_Only_The_Visible_Entries()
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        for (var i = 0; i < Many + 10; i++)
        {
            PurgeWorld.Stored(store, zone, $"http://a.example/{i}", i < Many ? "big" : "small");
        }

        Assert.Equal(Many, store.Purge(PurgeWorld.Hard(zone, PurgeSelector.ForTag("big"))));
        Assert.Equal(10, store.Purge(PurgeWorld.Hard(zone, PurgeSelector.Everything)));
        await store.Sweep;

        Assert.Equal(0, zone.HiddenEntries);
        PurgeWorld.AssertAccounting(store, [zone]);
    }

    [Fact]
    public void Eviction_May_Take_Hidden_Entries_Before_The_Reclaim_Does()
    {
        var reclaim = new HeldTaskScheduler();
        var zone = PurgeWorld.Zone();
        var probe = PurgeWorld.Entry(zone, "http://a.example/probe");
        var probeSize = EntrySize.Of(probe.PrimaryKey, probe.Fields, probe.Body.Length, ["t"], probe.VaryValues);
        var store = PurgeWorld.Store(maxBytes: probeSize * (Many + 8), reclaim: reclaim);
        var hidden = Enumerable.Range(0, Many).Select(i => PurgeWorld.Stored(store, zone, $"http://a.example/{i:D5}", "t")).ToArray();

        store.Purge(PurgeWorld.Hard(zone, PurgeSelector.ForTag("t")));
        var kept = Enumerable.Range(0, 64).Select(i => PurgeWorld.Stored(store, zone, $"http://a.example/new/{i:D5}", "t")).ToArray();
        Assert.True(hidden[0].Removed);
        Assert.False(hidden[^1].Removed);
        reclaim.RunAll();

        Assert.All(hidden, entry => Assert.True(entry.Removed));
        Assert.All(kept, entry => Assert.True(PurgeWorld.IsServed(store, entry)));
        Assert.Equal(0, zone.HiddenEntries);
        PurgeWorld.AssertAccounting(store, [zone], kept);
    }

    [Fact]
    public void A_Purge_At_The_Limit_Removes_At_Once()
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        var entries = Enumerable.Range(0, CacheStore.DefaultEagerRemovalLimit)
            .Select(i => PurgeWorld.Stored(store, zone, $"http://a.example/{i}", "t"))
            .ToArray();

        Assert.Equal(entries.Length, store.Purge(PurgeWorld.Hard(zone, PurgeSelector.ForTag("t"))));

        Assert.All(entries, entry => Assert.True(entry.Removed));
        Assert.True(store.Sweep.IsCompleted);
        PurgeWorld.AssertAccounting(store, [zone]);
    }

    /// <summary>The zone's objects and the hidden entries awaiting reclaim, as /api/stats reports them (objects, reclaimPending).</summary>
    private static (long Objects, long Pending) StatsOf(ZoneCache zone) => (zone.Objects, zone.HiddenEntries);
}
