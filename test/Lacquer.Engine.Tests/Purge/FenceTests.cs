// The fences of CacheStore.Purge.cs (invariant 1): a fill holds a ticket from before its origin request
// until it stores. A hard purge that ran in between and covers the entry refuses the insert; a soft one
// stores it already stale; a purge that does not cover it, or that ran before the ticket was taken, changes
// nothing. Fences go away once no open ticket is older than them.
using Lacquer.Caching.Store;

namespace Lacquer.Purge;

public sealed class FenceTests
{
    private const string Key = "http://a.example/foo/page?x=1";

    [Theory]
    [InlineData("url", "http://a.example/foo/page?x=1")]
    [InlineData("tag", "RED")]
    [InlineData("host", "a.example")]
    [InlineData("prefix", "a.example/foo")]
    [InlineData("everything", "")]
    public void Hard_Purge_During_A_Fill_Refuses_Its_Insert(string kind, string value)
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        var ticket = store.BeginFill();

        store.Purge(PurgeWorld.Hard(zone, PurgeWorld.Selector(kind, value)));
        var entry = PurgeWorld.Entry(zone, Key, ["red"]);

        Assert.Equal(InsertResult.Purged, store.Insert(entry, ticket, StoreWorld.MaxVariants));
        store.EndFill(ticket);
        Assert.False(PurgeWorld.IsServed(store, entry));
        PurgeWorld.AssertAccounting(store, [zone]);
    }

    [Theory]
    [InlineData("url", "http://a.example/foo/page?x=1")]
    [InlineData("tag", "red")]
    [InlineData("host", "a.example")]
    [InlineData("prefix", "a.example/foo/")]
    [InlineData("everything", "")]
    public void Fill_Whose_Ticket_Was_Taken_After_The_Purge_Is_Stored(string kind, string value)
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        store.Purge(PurgeWorld.Hard(zone, PurgeWorld.Selector(kind, value)));
        var ticket = store.BeginFill();
        var entry = PurgeWorld.Entry(zone, Key, ["red"]);

        Assert.Equal(InsertResult.Stored, store.Insert(entry, ticket, StoreWorld.MaxVariants));
        store.EndFill(ticket);
        Assert.True(PurgeWorld.IsServed(store, entry));
        Assert.False(entry.IsSoftPurged);
        PurgeWorld.AssertAccounting(store, [zone], entry);
    }

    [Theory]
    [InlineData("url", "http://a.example/foo/page?x=1")]
    [InlineData("tag", "red")]
    [InlineData("host", "A.EXAMPLE")]
    [InlineData("prefix", "a.example/foo")]
    [InlineData("everything", "")]
    public void Soft_Purge_During_A_Fill_Stores_It_Stale(string kind, string value)
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        var ticket = store.BeginFill();

        store.Purge(PurgeWorld.Soft(zone, PurgeWorld.Selector(kind, value)));
        var entry = PurgeWorld.Entry(zone, Key, ["red"]);

        Assert.Equal(InsertResult.StoredStale, store.Insert(entry, ticket, StoreWorld.MaxVariants));
        store.EndFill(ticket);
        Assert.True(PurgeWorld.IsServed(store, entry));
        Assert.True(entry.IsSoftPurged);
        PurgeWorld.AssertAccounting(store, [zone], entry);
    }

    [Theory]
    [InlineData("url", "http://a.example/foo/page")]
    [InlineData("url", "http://a.example/foo/page?x=2")]
    [InlineData("url", "https://a.example/foo/page?x=1")]
    [InlineData("tag", "blue")]
    [InlineData("host", "b.example")]
    [InlineData("prefix", "a.example/fo")]
    [InlineData("prefix", "a.example/foo/page/")]
    [InlineData("prefix", "b.example/foo")]
    public void Purge_That_Does_Not_Cover_The_Entry_Does_Not_Block_Its_Fill(string kind, string value)
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        var ticket = store.BeginFill();

        store.Purge(PurgeWorld.Hard(zone, PurgeWorld.Selector(kind, value)));
        store.Purge(PurgeWorld.Soft(zone, PurgeWorld.Selector(kind, value)));
        var entry = PurgeWorld.Entry(zone, Key, ["red"]);

        Assert.Equal(InsertResult.Stored, store.Insert(entry, ticket, StoreWorld.MaxVariants));
        store.EndFill(ticket);
        Assert.True(PurgeWorld.IsServed(store, entry));
        Assert.False(entry.IsSoftPurged);
    }

    [Fact]
    public void Purge_Of_Another_Zone_Does_Not_Block_The_Fill()
    {
        var zone = PurgeWorld.Zone("a");
        var other = PurgeWorld.Zone("b");
        var store = PurgeWorld.Store();
        var ticket = store.BeginFill();

        store.Purge(PurgeWorld.Hard(other, PurgeSelector.Everything));
        store.Purge(PurgeWorld.Hard(other, PurgeSelector.ForTag("red")));

        Assert.Equal(InsertResult.Stored, store.Insert(PurgeWorld.Entry(zone, Key, ["red"]), ticket, StoreWorld.MaxVariants));
        store.EndFill(ticket);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Hard_Wins_Over_Soft_Whatever_Their_Order(bool softFirst)
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        var ticket = store.BeginFill();
        var soft = PurgeWorld.Soft(zone, PurgeSelector.ForTag("red"));
        var hard = PurgeWorld.Hard(zone, PurgeWorld.Url("http://a.example/foo/page?x=1"));

        store.Purge(softFirst ? soft : hard);
        store.Purge(softFirst ? hard : soft);

        Assert.Equal(InsertResult.Purged, store.Insert(PurgeWorld.Entry(zone, Key, ["red"]), ticket, StoreWorld.MaxVariants));
        store.EndFill(ticket);
    }

    [Fact]
    public void A_Refused_Fill_Does_Not_Replace_The_Newer_Fill_That_Stored_After_The_Purge()
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        var stale = PurgeWorld.Stored(store, zone, Key, "red");
        var before = store.BeginFill();
        store.Purge(PurgeWorld.Hard(zone, PurgeSelector.ForTag("red")));
        var after = store.BeginFill();

        var newer = PurgeWorld.Entry(zone, Key, ["red"]);
        Assert.Equal(InsertResult.Stored, store.Insert(newer, after, StoreWorld.MaxVariants));
        Assert.Equal(InsertResult.Purged, store.Insert(PurgeWorld.Entry(zone, Key, ["red"]), before, StoreWorld.MaxVariants));
        store.EndFill(after);
        store.EndFill(before);

        Assert.True(stale.Removed);
        Assert.True(PurgeWorld.IsServed(store, newer));
        PurgeWorld.AssertAccounting(store, [zone], newer);
    }

    [Fact]
    public void A_Purge_Leaves_A_Fence_Only_While_A_Ticket_Is_Open()
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();

        store.Purge(PurgeWorld.Hard(zone, PurgeSelector.ForTag("red")));
        Assert.Equal(0, store.FenceCount);

        var ticket = store.BeginFill();
        store.Purge(PurgeWorld.Hard(zone, PurgeSelector.ForTag("red")));
        store.Purge(PurgeWorld.Soft(zone, PurgeSelector.Everything));
        Assert.Equal(2, store.FenceCount);

        store.EndFill(ticket);
        Assert.Equal(0, store.FenceCount);
        store.EndFill(ticket);
        Assert.Equal(0, store.FenceCount);
    }

    [Fact]
    public void Fences_Older_Than_Every_Open_Ticket_Are_Dropped_And_The_Rest_Still_Apply()
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        var first = store.BeginFill();
        store.Purge(PurgeWorld.Hard(zone, PurgeWorld.Url("http://a.example/one")));
        var second = store.BeginFill();
        store.Purge(PurgeWorld.Hard(zone, PurgeWorld.Url("http://a.example/two")));
        Assert.Equal(2, store.FenceCount);

        store.EndFill(first);

        Assert.Equal(1, store.FenceCount);
        Assert.Equal(InsertResult.Stored, store.Insert(PurgeWorld.Entry(zone, "http://a.example/one"), second, StoreWorld.MaxVariants));
        Assert.Equal(InsertResult.Purged, store.Insert(PurgeWorld.Entry(zone, "http://a.example/two"), second, StoreWorld.MaxVariants));
        store.EndFill(second);
        Assert.Equal(0, store.FenceCount);

        var third = store.BeginFill();
        Assert.Equal(InsertResult.Stored, store.Insert(PurgeWorld.Entry(zone, "http://a.example/two"), third, StoreWorld.MaxVariants));
        store.EndFill(third);
        Assert.Equal(0, store.FenceCount);
    }

    [Fact]
    public void Ending_A_Newer_Ticket_Keeps_The_Fences_An_Older_One_Still_Needs()
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        var older = store.BeginFill();
        store.Purge(PurgeWorld.Hard(zone, PurgeWorld.Url("http://a.example/one")));
        var newer = store.BeginFill();
        store.Purge(PurgeWorld.Hard(zone, PurgeWorld.Url("http://a.example/two")));

        store.EndFill(newer);

        Assert.Equal(2, store.FenceCount);
        Assert.Equal(InsertResult.Purged, store.Insert(PurgeWorld.Entry(zone, "http://a.example/one"), older, StoreWorld.MaxVariants));
        Assert.Equal(InsertResult.Purged, store.Insert(PurgeWorld.Entry(zone, "http://a.example/two"), older, StoreWorld.MaxVariants));
        store.EndFill(older);
        Assert.Equal(0, store.FenceCount);
    }

    [Fact]
    public void Many_Tickets_And_Purges_Interleaved_Leave_No_Fence_Behind()
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        var random = new Random(1234);
        var open = new List<(FillTicket Ticket, HashSet<int> PurgedSince)>();
        for (var step = 0; step < 2_000; step++)
        {
            var action = random.Next(3);
            if (action == 0 || open.Count == 0)
            {
                open.Add((store.BeginFill(), []));
            }
            else if (action == 1)
            {
                var page = random.Next(10);
                store.Purge(PurgeWorld.Hard(zone, PurgeWorld.Url($"http://a.example/{page}")));
                open.ForEach(fill => fill.PurgedSince.Add(page));
            }
            else
            {
                var index = random.Next(open.Count);
                var (ticket, purgedSince) = open[index];
                var page = random.Next(10);
                var expected = purgedSince.Contains(page) ? InsertResult.Purged : InsertResult.Stored;
                Assert.Equal(expected, store.Insert(PurgeWorld.Entry(zone, $"http://a.example/{page}"), ticket, StoreWorld.MaxVariants));
                store.EndFill(ticket);
                open.RemoveAt(index);
            }
        }

        open.ForEach(fill => store.EndFill(fill.Ticket));
        Assert.Equal(0, store.FenceCount);
    }
}
