// Purge-everything is O(1): the zone records the purge's sequence number, which hides every older entry at
// once (lookups miss from the moment the purge returns); the background sweep then reclaims their memory.
// A soft purge-everything marks every older entry stale instead. Entries stored afterwards are unaffected.
using Lacquer.Caching.Store;

namespace Lacquer.Purge;

public sealed class PurgeEverythingTests
{
    [Fact]
    public async Task Hard_Purge_Everything_Hides_At_Once_And_The_Sweep_Reclaims_Every_Byte()
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        var entries = Enumerable.Range(0, 2_000)
            .Select(i => PurgeWorld.Stored(store, zone, $"http://a.example/{i % 50}/{i}", $"t{i % 7}"))
            .ToArray();

        var count = store.Purge(PurgeWorld.Hard(zone, PurgeSelector.Everything));

        Assert.Equal(entries.Length, count);
        Assert.All(entries, entry => Assert.False(PurgeWorld.IsServed(store, entry)));
        Assert.All(entries, entry => Assert.True(entry.IsHidden));
        Assert.Equal(0, store.Purge(PurgeWorld.Hard(zone, PurgeSelector.ForTag("t1"))));
        Assert.Equal(0, store.Purge(PurgeWorld.Soft(zone, PurgeSelector.ForHost("a.example"))));

        await store.Sweep;

        Assert.Equal(0, store.StoredBytes);
        Assert.Equal(0, store.Count);
        Assert.All(entries, entry => Assert.True(entry.Removed));
        PurgeWorld.AssertAccounting(store, [zone]);
    }

    [Fact]
    public async Task Entries_Stored_After_Purge_Everything_Are_Served_And_Survive_The_Sweep()
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        var old = Enumerable.Range(0, 500).Select(i => PurgeWorld.Stored(store, zone, $"http://a.example/{i}", "red")).ToArray();

        store.Purge(PurgeWorld.Hard(zone, PurgeSelector.Everything));
        var refilled = PurgeWorld.Stored(store, zone, "http://a.example/7", "red");
        var fresh = PurgeWorld.Stored(store, zone, "http://a.example/new", "red");
        await store.Sweep;

        Assert.True(PurgeWorld.IsServed(store, refilled));
        Assert.True(PurgeWorld.IsServed(store, fresh));
        Assert.False(refilled.IsHidden || fresh.IsHidden);
        Assert.All(old, entry => Assert.True(entry.Removed));
        PurgeWorld.AssertAccounting(store, [zone], refilled, fresh);
        Assert.Equal(2, store.Purge(PurgeWorld.Hard(zone, PurgeSelector.ForTag("red"))));
        PurgeWorld.AssertAccounting(store, [zone]);
    }

    [Fact]
    public async Task Repeated_Purge_Everything_Keeps_The_Accounting_Consistent()
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 200; i++)
            {
                PurgeWorld.Stored(store, zone, $"http://a.example/{i}?round={round % 2}");
            }

            store.Purge(PurgeWorld.Hard(zone, PurgeSelector.Everything));
        }

        await store.Sweep;

        PurgeWorld.AssertAccounting(store, [zone]);
    }

    [Fact]
    public async Task Soft_Purge_Everything_Marks_Older_Entries_Stale_And_Keeps_Them()
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        var old = Enumerable.Range(0, 100).Select(i => PurgeWorld.Stored(store, zone, $"http://a.example/{i}")).ToArray();
        var bytes = store.StoredBytes;

        var count = store.Purge(PurgeWorld.Soft(zone, PurgeSelector.Everything));
        var later = PurgeWorld.Stored(store, zone, "http://a.example/later");
        await store.Sweep;

        Assert.Equal(old.Length, count);
        Assert.All(old, entry => Assert.True(PurgeWorld.IsServed(store, entry) && entry.IsSoftPurged && !entry.IsHidden));
        Assert.True(PurgeWorld.IsServed(store, later));
        Assert.False(later.IsSoftPurged);
        Assert.Equal(bytes + later.Size, store.StoredBytes);
        PurgeWorld.AssertAccounting(store, [zone], [.. old, later]);
    }
}
