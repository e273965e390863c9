// CacheStore.Purge for each selector kind, hard and soft: it reports what it matched, a hard purge removes
// exactly those entries (lookups miss, bytes and counters follow), a soft purge marks exactly those stale and
// keeps them, and everything else stays as it was.
using Lacquer.Caching.Store;

namespace Lacquer.Purge;

public sealed class StorePurgeTests
{
    [Theory]
    [InlineData("url", "http://a.example/foo", "foo")]
    [InlineData("url", "http://A.EXAMPLE/foo?x=1", "foo?x")]
    [InlineData("url", "http://a.example/foo/bar", "foo/bar")]
    [InlineData("url", "https://a.example/foo", "")]
    [InlineData("url", "http://a.example/missing", "")]
    [InlineData("tag", "RED", "foo foo?x b/foo")]
    [InlineData("tag", "blue", "foo?x foo/bar")]
    [InlineData("tag", "green", "")]
    [InlineData("host", "a.example", "foo foo?x foo/bar foobar root")]
    [InlineData("host", "B.example", "b/foo")]
    [InlineData("host", "c.example", "")]
    [InlineData("prefix", "a.example/foo", "foo foo?x foo/bar")]
    [InlineData("prefix", "a.example/foo/", "foo/bar")]
    [InlineData("prefix", "a.example/fo", "")]
    [InlineData("prefix", "a.example", "foo foo?x foo/bar foobar root")]
    [InlineData("prefix", "b.example/foo", "b/foo")]
    public void Hard_Purge_Removes_Exactly_What_It_Matched(string kind, string value, string expected)
    {
        var (store, zone, entries) = Build();
        var matched = Names(expected);

        var count = store.Purge(PurgeWorld.Hard(zone, PurgeWorld.Selector(kind, value)));

        Assert.Equal(matched.Length, count);
        foreach (var (name, entry) in entries)
        {
            var purged = matched.Contains(name);
            Assert.True(PurgeWorld.IsServed(store, entry) != purged, $"{name}: expected {(purged ? "gone" : "still served")}");
            Assert.Equal(purged, entry.Removed);
            Assert.False(entry.IsSoftPurged, $"{name} was marked soft-purged by a hard purge");
        }

        PurgeWorld.AssertAccounting(store, [zone], [.. entries.Where(pair => !matched.Contains(pair.Key)).Select(pair => pair.Value)]);
        Assert.Equal(0, store.Purge(PurgeWorld.Hard(zone, PurgeWorld.Selector(kind, value))));
    }

    [Theory]
    [InlineData("url", "http://a.example/foo", "foo")]
    [InlineData("url", "http://a.example/missing", "")]
    [InlineData("tag", "Red", "foo foo?x b/foo")]
    [InlineData("tag", "green", "")]
    [InlineData("host", "a.example", "foo foo?x foo/bar foobar root")]
    [InlineData("prefix", "a.example/foo", "foo foo?x foo/bar")]
    [InlineData("prefix", "a.example/foo/", "foo/bar")]
    [InlineData("everything", "", "foo foo?x foo/bar foobar root b/foo")]
    public void Soft_Purge_Marks_Exactly_What_It_Matched_And_Keeps_Everything(string kind, string value, string expected)
    {
        var (store, zone, entries) = Build();
        var matched = Names(expected);
        var bytes = store.StoredBytes;

        var count = store.Purge(PurgeWorld.Soft(zone, PurgeWorld.Selector(kind, value)));

        Assert.Equal(matched.Length, count);
        foreach (var (name, entry) in entries)
        {
            Assert.True(PurgeWorld.IsServed(store, entry), $"{name} left the store on a soft purge");
            Assert.True(entry.IsSoftPurged == matched.Contains(name), $"{name}: expected soft-purged {matched.Contains(name)}");
        }

        Assert.Equal(bytes, store.StoredBytes);
        PurgeWorld.AssertAccounting(store, [zone], [.. entries.Values]);
    }

    [Fact]
    public void A_Command_With_Several_Selectors_Counts_Each_Entry_Once()
    {
        var (store, zone, entries) = Build();

        var count = store.Purge(PurgeWorld.Hard(
            zone,
            PurgeSelector.ForTag("red"),
            PurgeSelector.ForTag("blue"),
            PurgeSelector.ForPrefix("a.example/foo"),
            PurgeWorld.Url("http://a.example/foo")));

        Assert.Equal(4, count);
        Assert.True(PurgeWorld.IsServed(store, entries["foobar"]));
        Assert.True(PurgeWorld.IsServed(store, entries["root"]));
        PurgeWorld.AssertAccounting(store, [zone], entries["foobar"], entries["root"]);
    }

    [Fact]
    public void Url_Purge_Removes_Every_Variant_Of_The_Url()
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        var english = PurgeWorld.Stored(store, PurgeWorld.Entry(zone, "http://a.example/v", vary: "Accept-Language:en"));
        var french = PurgeWorld.Stored(store, PurgeWorld.Entry(zone, "http://a.example/v", vary: "Accept-Language:fr"));
        var mobile = PurgeWorld.Stored(store, zone, "http://a.example/k\ncf-device-type:mobile");
        var desktop = PurgeWorld.Stored(store, zone, "http://a.example/k\ncf-device-type:desktop");
        Assert.True(PurgeWorld.IsServed(store, english) && PurgeWorld.IsServed(store, french));

        Assert.Equal(2, store.Purge(PurgeWorld.Hard(zone, PurgeWorld.Url("http://a.example/v"))));
        Assert.Equal(2, store.Purge(PurgeWorld.Hard(zone, PurgeWorld.Url("http://a.example/k"))));

        Assert.False(PurgeWorld.IsServed(store, english) || PurgeWorld.IsServed(store, french));
        Assert.False(PurgeWorld.IsServed(store, mobile) || PurgeWorld.IsServed(store, desktop));
        PurgeWorld.AssertAccounting(store, [zone]);
    }

    [Fact]
    public void Url_Purge_With_An_Exact_Key_Removes_Only_That_Variant()
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        var mobile = PurgeWorld.Stored(store, zone, "http://a.example/k\ncf-device-type:mobile");
        var desktop = PurgeWorld.Stored(store, zone, "http://a.example/k\ncf-device-type:desktop");

        var count = store.Purge(PurgeWorld.Hard(zone, PurgeSelector.ForUrl(new Uri("http://a.example/k"), mobile.PrimaryKey)));

        Assert.Equal(1, count);
        Assert.False(PurgeWorld.IsServed(store, mobile));
        Assert.True(PurgeWorld.IsServed(store, desktop));
        PurgeWorld.AssertAccounting(store, [zone], desktop);
    }

    [Fact]
    public void A_Replaced_Entry_Leaves_The_Indexes_And_Its_Successor_Is_Found_By_Its_Own_Tags()
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        var old = PurgeWorld.Stored(store, zone, "http://a.example/page", "old-tag", "shared");
        var newer = PurgeWorld.Stored(store, zone, "http://a.example/page", "new-tag", "shared");
        Assert.True(old.Removed);

        // A late removal of the old entry must not touch the newer one's records (index records carry the entry's generation).
        Assert.False(store.Remove(old));

        Assert.Equal(0, store.Purge(PurgeWorld.Hard(zone, PurgeSelector.ForTag("old-tag"))));
        Assert.True(PurgeWorld.IsServed(store, newer));
        Assert.Equal(1, store.Purge(PurgeWorld.Hard(zone, PurgeSelector.ForTag("shared"))));
        Assert.False(PurgeWorld.IsServed(store, newer));
        PurgeWorld.AssertAccounting(store, [zone]);
    }

    [Fact]
    public void Evicted_Entries_Leave_The_Indexes()
    {
        var zone = PurgeWorld.Zone();
        var probe = PurgeWorld.Entry(zone, "http://a.example/0", ["red"], bodyLength: 1000);
        var size = Caching.Store.EntrySize.Of(probe.PrimaryKey, probe.Fields, probe.Body.Length, probe.Tags, probe.VaryValues);
        var store = PurgeWorld.Store(maxBytes: (size * 3) + (size / 2));
        var entries = Enumerable.Range(0, 5)
            .Select(i => PurgeWorld.Stored(store, PurgeWorld.Entry(zone, $"http://a.example/{i}", ["red"], bodyLength: 1000)))
            .ToArray();
        Assert.Equal(3, store.Count);

        var count = store.Purge(PurgeWorld.Hard(zone, PurgeSelector.ForTag("red")));

        Assert.Equal(3, count);
        Assert.All(entries, entry => Assert.True(entry.Removed));
        PurgeWorld.AssertAccounting(store, [zone]);
        Assert.Equal(0, store.Purge(PurgeWorld.Hard(zone, PurgeSelector.ForHost("a.example"))));
    }

    [Fact]
    public void Soft_Purged_Entry_Replaced_By_A_New_Fill_Is_Fresh_Again()
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        var old = PurgeWorld.Stored(store, zone, "http://a.example/page", "red");
        store.Purge(PurgeWorld.Soft(zone, PurgeSelector.ForTag("red")));
        Assert.True(old.IsSoftPurged);

        var refilled = PurgeWorld.Stored(store, zone, "http://a.example/page", "red");

        Assert.False(refilled.IsSoftPurged);
        Assert.True(PurgeWorld.IsServed(store, refilled));
        PurgeWorld.AssertAccounting(store, [zone], refilled);
    }

    /// <summary>
    /// A zone serving a.example and b.example with: root (/), foo (/foo, red), foo?x (/foo?x=1, red blue),
    /// foo/bar (/foo/bar, blue), foobar (/foobar) and b/foo (b.example/foo, red).
    /// </summary>
    private static (CacheStore Store, ZoneCache Zone, Dictionary<string, CacheEntry> Entries) Build()
    {
        var zone = PurgeWorld.Zone("a");
        var store = PurgeWorld.Store();
        var entries = new Dictionary<string, CacheEntry>(StringComparer.Ordinal)
        {
            ["root"] = PurgeWorld.Stored(store, zone, "http://a.example/"),
            ["foo"] = PurgeWorld.Stored(store, zone, "http://a.example/foo", "red"),
            ["foo?x"] = PurgeWorld.Stored(store, zone, "http://a.example/foo?x=1", "red", "blue"),
            ["foo/bar"] = PurgeWorld.Stored(store, zone, "http://a.example/foo/bar", "blue"),
            ["foobar"] = PurgeWorld.Stored(store, zone, "http://a.example/foobar"),
            ["b/foo"] = PurgeWorld.Stored(store, zone, "http://b.example/foo", "red"),
        };
        PurgeWorld.AssertAccounting(store, [zone], [.. entries.Values]);
        return (store, zone, entries);
    }

    private static string[] Names(string expected) => expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
