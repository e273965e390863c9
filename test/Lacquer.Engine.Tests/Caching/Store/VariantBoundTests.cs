// A key keeps at most its zone's maxVariants Vary variants: a new one beyond that evicts the oldest, which leaves
// every index and the accounting like any eviction; lookups among many variants go through a hash index
// (VariantTable) and find each stored one, and nothing else.
namespace Lacquer.Caching.Store;

public sealed class VariantBoundTests
{
    private static readonly string[] AcceptLanguage = ["accept-language"];

    [Fact]
    public void Many_Variants_Of_One_Key_Keep_The_Newest_Up_To_The_Bound()
    {
        const int bound = 50, sent = 1000;
        var zone = StoreWorld.Zone();
        var store = new CacheStore(100_000_000, new LruEvictionPolicy());
        var key = StoreWorld.Key(zone, "/a");
        var other = StoreWorld.Entry(zone, "/b", tags: ["shared"]);
        store.Insert(other, ticket: null, bound);
        var variants = new CacheEntry[sent];
        for (var i = 0; i < sent; i++)
        {
            variants[i] = StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: [Language(i)], tags: ["shared", $"v{i}"]);
            Assert.Equal(InsertResult.Stored, store.Insert(variants[i], ticket: null, bound));
            Assert.True(store.Count <= bound + 1, $"After variant {i}: {store.Count} entries stored.");
        }

        var kept = variants[(sent - bound)..];
        Assert.All(variants[..(sent - bound)], gone => Assert.True(gone.Removed));
        Assert.All(kept, stored => Assert.False(stored.Removed));
        Assert.Equal(bound + 1, store.Count);
        Assert.Equal(kept.Sum(entry => (long)entry.Size) + other.Size, store.StoredBytes);
        Assert.Equal(sent - bound, zone.Evictions);

        for (var i = 0; i < sent; i++)
        {
            var lookup = store.Lookup(key, StoreWorld.Request(("Accept-Language", Language(i))));
            Assert.Same(i >= sent - bound ? variants[i] : null, lookup.Entry);
            Assert.True(lookup.KeyHasVariants);
        }

        Assert.Null(store.Lookup(key, StoreWorld.Request()).Entry);

        // Evicted variants left the indexes: the tag and path indexes hold exactly the kept ones.
        Assert.Equal(kept.Append(other).ToHashSet(), zone.Index.Tags.Find("shared").ToHashSet());
        Assert.Empty(zone.Index.Tags.Find("v0"));
        Assert.Single(zone.Index.Tags.Find($"v{sent - 1}"));
        Assert.Equal(kept.ToHashSet(), zone.Index.Paths.FindPath(StoreWorld.Host(zone), "/a").ToHashSet());
    }

    [Fact]
    public void A_Purge_Of_The_Url_Removes_Every_Variant_Of_A_Large_Set()
    {
        const int bound = 40;
        var zone = StoreWorld.Zone();
        var store = new CacheStore(100_000_000, new LruEvictionPolicy());
        for (var i = 0; i < 100; i++)
        {
            store.Insert(StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: [Language(i)], tags: ["t"]), ticket: null, bound);
        }

        var other = StoreWorld.Entry(zone, "/b");
        store.Insert(other, ticket: null, bound);

        Assert.Equal(40, store.Purge(new StorePurge([zone], [PurgeSelector.ForUrl(new Uri(StoreWorld.Key(zone, "/a")))], Soft: false)));

        Assert.False(store.Lookup(StoreWorld.Key(zone, "/a"), StoreWorld.Request(("Accept-Language", Language(99)))).KeyHasVariants);
        Assert.Equal(1, store.Count);
        Assert.Equal(other.Size, store.StoredBytes);
        Assert.Empty(zone.Index.Tags.Find("t"));
        Assert.Empty(zone.Index.Paths.FindPath(StoreWorld.Host(zone), "/a"));
    }

    [Fact]
    public void Removing_Variants_From_A_Large_Set_Keeps_The_Others_Findable_Down_To_None()
    {
        var zone = StoreWorld.Zone();
        var store = new CacheStore(100_000_000, new LruEvictionPolicy());
        var key = StoreWorld.Key(zone, "/a");
        var random = new Random(7);
        var live = new List<CacheEntry>();
        for (var i = 0; i < 3 * Variants.MaxScanned; i++)
        {
            var entry = StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: [i == 0 ? null : Language(i)]);
            store.Insert(entry, ticket: null, StoreWorld.MaxVariants);
            live.Add(entry);
        }

        // Remove in a seeded random order: the set shrinks from a table through an array to one entry and none.
        while (live.Count > 0)
        {
            var gone = live[random.Next(live.Count)];
            Assert.True(store.Remove(gone));
            Assert.False(store.Remove(gone));
            live.Remove(gone);
            Assert.Null(store.Lookup(key, RequestFor(gone)).Entry);
            foreach (var stored in live)
            {
                Assert.Same(stored, store.Lookup(key, RequestFor(stored)).Entry);
            }

            Assert.Equal(live.Count, store.Count);
            Assert.Equal(live.Sum(entry => (long)entry.Size), store.StoredBytes);
        }
    }

    [Fact]
    public void A_Replacement_In_A_Large_Set_Takes_The_Place_Of_Its_Old_Variant()
    {
        const int bound = 20;
        var zone = StoreWorld.Zone();
        var store = new CacheStore(100_000_000, new LruEvictionPolicy());
        var key = StoreWorld.Key(zone, "/a");
        var first = new CacheEntry[20];
        for (var i = 0; i < first.Length; i++)
        {
            first[i] = StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: [Language(i)]);
            store.Insert(first[i], ticket: null, bound);
        }

        // At the bound, a new response for a stored variant replaces it; nothing else is evicted.
        var replacement = StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: [Language(3)]);
        store.Insert(replacement, ticket: null, bound);

        Assert.True(first[3].Removed);
        Assert.Equal(1, first.Count(entry => entry.Removed));
        Assert.Same(replacement, store.Lookup(key, StoreWorld.Request(("Accept-Language", Language(3)))).Entry);
        Assert.Same(first[0], store.Lookup(key, StoreWorld.Request(("Accept-Language", Language(0)))).Entry);
        Assert.Equal(20, store.Count);
        Assert.Equal(0, zone.Evictions);
    }

    [Fact]
    public void Request_Values_Are_Normalised_Before_The_Hash_Lookup()
    {
        var zone = StoreWorld.Zone();
        var store = new CacheStore(100_000_000, new LruEvictionPolicy());
        var key = StoreWorld.Key(zone, "/a");
        for (var i = 0; i < 2 * Variants.MaxScanned; i++)
        {
            store.Insert(StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: [$"en,x-{i}"]), ticket: null, StoreWorld.MaxVariants);
        }

        var request = StoreWorld.Request(("Accept-Language", " en "), ("Accept-Language", "  x-3 "));
        Assert.Equal("en,x-3", store.Lookup(key, request).Entry?.VaryValues[0]);
    }

    private static string Language(int i) => $"x-{i}";

    private static Lacquer.Zones.RequestHeaderFields RequestFor(CacheEntry entry) =>
        entry.VaryValues[0] is { } value ? StoreWorld.Request(("Accept-Language", value)) : StoreWorld.Request();
}
