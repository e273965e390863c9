// The store's intern tables: entries filled with equal header values, tags and Vary values end up holding one
// shared copy (and one shared list when the whole list is equal), a one-element value array becomes a plain
// string, the caller's arrays are never written, and nothing a hit serves changes.
using Microsoft.Extensions.Primitives;

namespace Lacquer.Caching.Store;

public sealed class SharedStringsTests
{
    [Fact]
    public void Equal_Strings_Come_Back_As_The_First_One_Seen()
    {
        var shared = new SharedStrings();
        var first = new string("text/html".AsSpan());
        var second = new string("text/html".AsSpan());

        Assert.Same(first, shared.Share(first));
        Assert.Same(first, shared.Share(second));
    }

    [Fact]
    public void Two_Strings_Whose_Hashes_Pick_The_Same_Slot_Are_Both_Kept()
    {
        // Hashes are randomised per process, so find two that pick the same slot in this one (bounded search).
        var bySlot = new Dictionary<int, string>();
        string? first = null, second = null;
        for (var i = 0; i < 1_000_000 && first is null; i++)
        {
            var text = "value-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var slot = text.GetHashCode() & (SharedStrings.Slots - 1);
            if (!bySlot.TryAdd(slot, text))
            {
                (first, second) = (bySlot[slot], text);
            }
        }

        Assert.NotNull(first);
        var shared = new SharedStrings();
        shared.Share(first);
        shared.Share(second!);

        Assert.Same(first, shared.Share(new string(first.AsSpan())));
        Assert.Same(second, shared.Share(new string(second!.AsSpan())));
    }

    [Fact]
    public void Long_Strings_Pass_Through_Unshared()
    {
        var shared = new SharedStrings();
        var text = new string('x', SharedStrings.MaxLength + 1);
        var copy = new string(text.AsSpan());

        shared.Share(text);

        Assert.Same(copy, shared.Share(copy));
    }

    [Fact]
    public void Entries_Filled_With_Equal_Fields_Tags_And_Vary_Values_Share_Them_After_Insert()
    {
        var (first, second) = InsertTwo(pair: true);

        Assert.Same(first.Headers[0].Value.ToString(), second.Headers[0].Value.ToString());
        Assert.Same(first.Headers[0].Key, second.Headers[0].Key);
        Assert.Same(first.Tags[0], second.Tags[0]);
        Assert.Same(first.VaryValues[0], second.VaryValues[0]);
        Assert.Same(first.VaryNames, second.VaryNames);
    }

    [Fact]
    public void Entries_With_Equal_Vary_Selections_And_Stale_Rules_Hold_One_Rules_Object_After_Insert()
    {
        var zone = StoreWorld.Zone();
        var store = new CacheStore(1_000_000, new LruEvictionPolicy());
        var policy = new Semantics.StalePolicy(mustRevalidate: false, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));
        var entries = new[] { ("/a", "en"), ("/b", "en"), ("/c", "de") }
            .Select(pair => WithRules(StoreWorld.Entry(zone, pair.Item1), [Fresh("accept-language")], [Fresh(pair.Item2)], Fresh("max-age=60"), policy))
            .ToArray();

        foreach (var entry in entries)
        {
            store.Insert(entry, ticket: null, StoreWorld.MaxVariants);
        }

        Assert.Same(entries[0].Rules, entries[1].Rules);
        Assert.NotSame(entries[0].Rules, entries[2].Rules);
        Assert.Same(entries[0].VaryNames, entries[2].VaryNames);
        Assert.Equal(["accept-language"], entries[2].VaryNames);
        Assert.Equal("de", Assert.Single(entries[2].VaryValues));
        Assert.Equal("max-age=60", entries[2].TargetedCacheControl);
        Assert.Equal(policy, entries[2].StalePolicy);
    }

    [Fact]
    public void Entries_Whose_Rules_Differ_Only_In_The_Stale_Policy_Keep_Their_Own()
    {
        var zone = StoreWorld.Zone();
        var store = new CacheStore(1_000_000, new LruEvictionPolicy());
        var first = WithRules(StoreWorld.Entry(zone, "/a"), [], [], null, new(mustRevalidate: true, TimeSpan.Zero, null));
        var second = WithRules(StoreWorld.Entry(zone, "/b"), [], [], null, new(mustRevalidate: false, TimeSpan.Zero, TimeSpan.Zero));

        store.Insert(first, ticket: null, StoreWorld.MaxVariants);
        store.Insert(second, ticket: null, StoreWorld.MaxVariants);

        Assert.True(first.StalePolicy.MustRevalidate);
        Assert.Null(first.StalePolicy.StaleIfError);
        Assert.False(second.StalePolicy.MustRevalidate);
        Assert.Equal(TimeSpan.Zero, second.StalePolicy.StaleIfError);
    }

    [Fact]
    public void An_Entry_Without_Vary_Targeted_Field_Or_Stale_Rules_Holds_No_Rules_Object()
    {
        var zone = StoreWorld.Zone();
        var entry = StoreWorld.Entry(zone, "/a");
        new CacheStore(1_000_000, new LruEvictionPolicy()).Insert(entry, ticket: null, StoreWorld.MaxVariants);

        Assert.Null(entry.Rules);
        Assert.Empty(entry.VaryNames);
        Assert.Empty(entry.VaryValues);
        Assert.Null(entry.TargetedCacheControl);
        Assert.Equal(default, entry.StalePolicy);
    }

    private static CacheEntry WithRules(CacheEntry entry, string[] varyNames, string?[] varyValues, string? targeted, Semantics.StalePolicy policy)
    {
        entry.Rules = EntryRules.Of(varyNames, varyValues, targeted, policy);
        return entry;
    }

    [Fact]
    public void A_Single_Value_Is_Stored_Without_Its_Array_And_Several_Values_Keep_Their_Order()
    {
        var zone = StoreWorld.Zone();
        var store = new CacheStore(1_000_000, new LruEvictionPolicy());
        var entry = Filled(zone, "/a");

        store.Insert(entry, ticket: null, StoreWorld.MaxVariants);

        Assert.IsType<string>(Held(entry.Fields[0].Value));
        Assert.Equal("a=1,b=2", entry.Fields[1].Value.ToString());
        Assert.Equal(2, entry.Fields[1].Value.Count);
        Assert.Equal(StoreWorld.SizeOf(entry), entry.Size);
    }

    [Fact]
    public void Entries_With_Equal_Field_And_Tag_Lists_Share_One_Array_Each()
    {
        var (first, second) = InsertTwo(pair: false);
        var (third, fourth) = InsertTwo(pair: true);

        Assert.Same(first.Fields.Held, second.Fields.Held);
        Assert.Equal("text/plain", second.Fields[0].Value.ToString());
        Assert.Same(first.Tags, second.Tags);

        // A field with two values keeps its list unshared.
        Assert.NotSame(third.Fields.Held, fourth.Fields.Held);
        Assert.Same(third.Tags, fourth.Tags);
    }

    [Fact]
    public void A_Per_Object_ETag_Is_Held_By_The_Entry_So_The_List_Is_Shared_And_The_Callers_Arrays_Are_Not_Written()
    {
        var zone = StoreWorld.Zone();
        var store = new CacheStore(1_000_000, new LruEvictionPolicy());
        var first = Filled(zone, "/a", pair: false);
        var second = Filled(zone, "/b", pair: false, etag: "\"2\"");
        var given = second.Headers;
        var givenValue = given[1].Value[0];

        store.Insert(first, ticket: null, StoreWorld.MaxVariants);
        store.Insert(second, ticket: null, StoreWorld.MaxVariants);

        Assert.Same(first.Fields.Held, second.Fields.Held);
        Assert.Equal("\"1\"", first.Fields[1].Value.ToString());
        Assert.Equal("\"2\"", second.Fields[1].Value.ToString());
        Assert.Equal("\"2\"", second.Fields.ETag);
        Assert.Same(givenValue, given[1].Value[0]);
        Assert.NotSame(given, second.Fields.Held);
    }

    [Fact]
    public void Any_Other_Per_Object_Value_Keeps_Its_Own_List()
    {
        var zone = StoreWorld.Zone();
        var store = new CacheStore(1_000_000, new LruEvictionPolicy());
        var first = Filled(zone, "/a", pair: false, etag: "\"1\"", etagName: "X-Id");
        var second = Filled(zone, "/b", pair: false, etag: "\"2\"", etagName: "X-Id");

        store.Insert(first, ticket: null, StoreWorld.MaxVariants);
        store.Insert(second, ticket: null, StoreWorld.MaxVariants);

        Assert.NotSame(first.Fields.Held, second.Fields.Held);
        Assert.Equal("\"2\"", second.Fields[1].Value.ToString());
        Assert.Null(second.Fields.ETag);
    }

    private static (CacheEntry First, CacheEntry Second) InsertTwo(bool pair)
    {
        var zone = StoreWorld.Zone();
        var store = new CacheStore(1_000_000, new LruEvictionPolicy());
        var first = Filled(zone, "/a", pair);
        var second = Filled(zone, "/b", pair);
        store.Insert(first, ticket: null, StoreWorld.MaxVariants);
        store.Insert(second, ticket: null, StoreWorld.MaxVariants);
        return (first, second);
    }

    /// <summary>What a StringValues holds: a string, or an array of them (its one private field).</summary>
    private static object? Held(StringValues value) =>
        typeof(StringValues).GetField("_values", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(value);

    /// <summary>An entry as a fill builds it: fresh strings, each value wrapped in its own array.</summary>
    private static CacheEntry Filled(ZoneCache zone, string path, bool pair = true, string etag = "\"1\"", string etagName = "ETag")
    {
        var entry = StoreWorld.Entry(zone, path, varyNames: [Fresh("accept-language")], varyValues: [Fresh("en")], tags: [Fresh("red")]);
        return new CacheEntry
        {
            PrimaryKey = entry.PrimaryKey,
            ZoneCache = zone,
            VaryNames = entry.VaryNames,
            VaryValues = entry.VaryValues,
            Status = 200,
            Headers = pair
                ?
                [
                    new(Fresh("X-Kind"), new StringValues([Fresh("text/plain")])),
                    new(Fresh("X-Pair"), new StringValues([Fresh("a=1"), Fresh("b=2")])),
                ]
                :
                [
                    new(Fresh("X-Kind"), new StringValues([Fresh("text/plain")])),
                    new(Fresh(etagName), new StringValues([Fresh(etag)])),
                ],
            Body = entry.Body,
            Tags = entry.Tags,
            ResponseTime = entry.ResponseTime,
            CorrectedInitialAge = entry.CorrectedInitialAge,
            FreshnessLifetime = entry.FreshnessLifetime,
        };
    }

    private static string Fresh(string text) => new(text.AsSpan());
}
