// The store on its own: insert, lookup, variant replacement, removal, LRU eviction and the memory bound
// (invariant 2), with the accounting checked against the entries the test knows to be stored.
namespace Lacquer.Caching.Store;

public sealed class CacheStoreTests
{
    private static readonly string[] AcceptLanguage = ["accept-language"];

    [Fact]
    public void Lookup_Finds_An_Inserted_Entry()
    {
        var zone = StoreWorld.Zone();
        var store = new CacheStore(1_000_000, new LruEvictionPolicy());
        var entry = StoreWorld.Entry(zone, "/a");

        Assert.Equal(InsertResult.Stored, store.Insert(entry, ticket: null, StoreWorld.MaxVariants));

        var lookup = store.Lookup(StoreWorld.Key(zone, "/a"), StoreWorld.Request());
        Assert.Same(entry, lookup.Entry);
        Assert.True(lookup.KeyHasVariants);
        Assert.Equal(1, store.Count);
        Assert.Equal(StoreWorld.SizeOf(entry), entry.Size);
        Assert.Equal(entry.Size, store.StoredBytes);
    }

    [Fact]
    public void Lookup_Of_An_Unknown_Key_Finds_Nothing()
    {
        var zone = StoreWorld.Zone();
        var store = new CacheStore(1_000_000, new LruEvictionPolicy());
        store.Insert(StoreWorld.Entry(zone, "/a"), ticket: null, StoreWorld.MaxVariants);

        var lookup = store.Lookup(StoreWorld.Key(zone, "/b"), StoreWorld.Request());

        Assert.Null(lookup.Entry);
        Assert.False(lookup.KeyHasVariants);
    }

    [Fact]
    public void Insert_Of_The_Same_Variant_Replaces_The_Stored_One()
    {
        var zone = StoreWorld.Zone();
        var store = new CacheStore(1_000_000, new LruEvictionPolicy());
        var first = StoreWorld.Entry(zone, "/a", bodyLength: 100);
        var second = StoreWorld.Entry(zone, "/a", bodyLength: 300);

        store.Insert(first, ticket: null, StoreWorld.MaxVariants);
        store.Insert(second, ticket: null, StoreWorld.MaxVariants);

        Assert.True(first.Removed);
        Assert.Same(second, store.Lookup(StoreWorld.Key(zone, "/a"), StoreWorld.Request()).Entry);
        Assert.Equal(1, store.Count);
        Assert.Equal(second.Size, store.StoredBytes);
        Assert.Equal((StoredBytes: (long)second.Size, Objects: 1L, Evictions: 0L), (zone.StoredBytes, zone.Objects, zone.Evictions));
    }

    [Fact]
    public void Variants_With_Different_Vary_Values_Live_Side_By_Side()
    {
        var zone = StoreWorld.Zone();
        var store = new CacheStore(1_000_000, new LruEvictionPolicy());
        var english = StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: ["en"]);
        var german = StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: ["de"]);
        var key = StoreWorld.Key(zone, "/a");

        store.Insert(english, ticket: null, StoreWorld.MaxVariants);
        store.Insert(german, ticket: null, StoreWorld.MaxVariants);

        Assert.Same(english, store.Lookup(key, StoreWorld.Request(("Accept-Language", "en"))).Entry);
        Assert.Same(german, store.Lookup(key, StoreWorld.Request(("Accept-Language", "de"))).Entry);
        var french = store.Lookup(key, StoreWorld.Request(("Accept-Language", "fr")));
        Assert.Null(french.Entry);
        Assert.True(french.KeyHasVariants);
        Assert.Null(store.Lookup(key, StoreWorld.Request()).Entry);
        Assert.Equal(2, store.Count);
        Assert.Equal(english.Size + german.Size, store.StoredBytes);
    }

    [Fact]
    public void Variant_Stored_For_An_Absent_Field_Matches_Only_Requests_Without_It()
    {
        var zone = StoreWorld.Zone();
        var store = new CacheStore(1_000_000, new LruEvictionPolicy());
        var none = StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: [null]);
        var key = StoreWorld.Key(zone, "/a");

        store.Insert(none, ticket: null, StoreWorld.MaxVariants);

        Assert.Same(none, store.Lookup(key, StoreWorld.Request()).Entry);
        Assert.Null(store.Lookup(key, StoreWorld.Request(("Accept-Language", "en"))).Entry);
    }

    [Fact]
    public void A_Response_With_Different_Vary_Names_Replaces_Every_Variant()
    {
        var zone = StoreWorld.Zone();
        var store = new CacheStore(1_000_000, new LruEvictionPolicy());
        var english = StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: ["en"]);
        var german = StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: ["de"]);
        var byEncoding = StoreWorld.Entry(zone, "/a", varyNames: ["accept-encoding"], varyValues: ["gzip"]);

        store.Insert(english, ticket: null, StoreWorld.MaxVariants);
        store.Insert(german, ticket: null, StoreWorld.MaxVariants);
        store.Insert(byEncoding, ticket: null, StoreWorld.MaxVariants);

        Assert.True(english.Removed);
        Assert.True(german.Removed);
        Assert.Equal(1, store.Count);
        Assert.Equal(byEncoding.Size, store.StoredBytes);
        Assert.Equal(0, zone.Evictions);
    }

    [Fact]
    public void Remove_Takes_An_Entry_Out_Exactly_Once()
    {
        var zone = StoreWorld.Zone();
        var store = new CacheStore(1_000_000, new LruEvictionPolicy());
        var a = StoreWorld.Entry(zone, "/a");
        var b = StoreWorld.Entry(zone, "/b");
        store.Insert(a, ticket: null, StoreWorld.MaxVariants);
        store.Insert(b, ticket: null, StoreWorld.MaxVariants);

        Assert.True(store.Remove(a));
        Assert.False(store.Remove(a));

        Assert.True(a.Removed);
        Assert.Null(store.Lookup(StoreWorld.Key(zone, "/a"), StoreWorld.Request()).Entry);
        Assert.Same(b, store.Lookup(StoreWorld.Key(zone, "/b"), StoreWorld.Request()).Entry);
        Assert.Equal(b.Size, store.StoredBytes);
        Assert.Equal((StoredBytes: (long)b.Size, Objects: 1L, Evictions: 0L), (zone.StoredBytes, zone.Objects, zone.Evictions));
    }

    [Fact]
    public void RemoveKey_Removes_Every_Variant_Of_The_Key()
    {
        var zone = StoreWorld.Zone();
        var store = new CacheStore(1_000_000, new LruEvictionPolicy());
        store.Insert(StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: ["en"]), ticket: null, StoreWorld.MaxVariants);
        store.Insert(StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: ["de"]), ticket: null, StoreWorld.MaxVariants);
        var other = StoreWorld.Entry(zone, "/b");
        store.Insert(other, ticket: null, StoreWorld.MaxVariants);

        Assert.Equal(2, store.RemoveKey(StoreWorld.Key(zone, "/a")));
        Assert.Equal(0, store.RemoveKey(StoreWorld.Key(zone, "/a")));

        Assert.False(store.Lookup(StoreWorld.Key(zone, "/a"), StoreWorld.Request(("Accept-Language", "en"))).KeyHasVariants);
        Assert.Equal(1, store.Count);
        Assert.Equal(other.Size, store.StoredBytes);
    }

    [Fact]
    public void Removing_Variants_One_By_One_Leaves_The_Others_Findable()
    {
        var zone = StoreWorld.Zone();
        var store = new CacheStore(1_000_000, new LruEvictionPolicy());
        var key = StoreWorld.Key(zone, "/a");
        var byLanguage = new Dictionary<string, CacheEntry>();
        foreach (var language in new[] { "en", "de", "fr" })
        {
            byLanguage[language] = StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: [language]);
            store.Insert(byLanguage[language], ticket: null, StoreWorld.MaxVariants);
        }

        Assert.True(store.Remove(byLanguage["de"]));
        Assert.Same(byLanguage["en"], store.Lookup(key, StoreWorld.Request(("Accept-Language", "en"))).Entry);
        Assert.Same(byLanguage["fr"], store.Lookup(key, StoreWorld.Request(("Accept-Language", "fr"))).Entry);
        Assert.Null(store.Lookup(key, StoreWorld.Request(("Accept-Language", "de"))).Entry);

        Assert.True(store.Remove(byLanguage["en"]));
        Assert.Same(byLanguage["fr"], store.Lookup(key, StoreWorld.Request(("Accept-Language", "fr"))).Entry);
        Assert.True(store.Lookup(key, StoreWorld.Request(("Accept-Language", "en"))).KeyHasVariants);

        Assert.True(store.Remove(byLanguage["fr"]));
        Assert.False(store.Lookup(key, StoreWorld.Request(("Accept-Language", "fr"))).KeyHasVariants);
        Assert.Equal(0, store.Count);
        Assert.Equal(0, store.StoredBytes);
    }

    [Fact]
    public void An_Insert_That_Evicts_The_Only_Other_Variant_Of_Its_Key_Is_Still_Stored()
    {
        var zone = StoreWorld.Zone();
        var english = StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: ["en"]);
        var other = StoreWorld.Entry(zone, "/b");
        var german = StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: ["de"]);
        var store = new CacheStore(2 * StoreWorld.SizeOf(english), new LruEvictionPolicy());
        var key = StoreWorld.Key(zone, "/a");

        store.Insert(english, ticket: null, StoreWorld.MaxVariants);
        store.Insert(other, ticket: null, StoreWorld.MaxVariants);
        store.Insert(german, ticket: null, StoreWorld.MaxVariants);

        Assert.True(english.Removed);
        Assert.Same(german, store.Lookup(key, StoreWorld.Request(("Accept-Language", "de"))).Entry);
        Assert.Null(store.Lookup(key, StoreWorld.Request(("Accept-Language", "en"))).Entry);
        Assert.Same(other, store.Lookup(StoreWorld.Key(zone, "/b"), StoreWorld.Request()).Entry);
        Assert.Equal(2, store.Count);
        Assert.Equal(german.Size + other.Size, store.StoredBytes);
    }

    [Fact]
    public void An_Insert_That_Evicts_One_Of_Several_Variants_Keeps_The_Rest()
    {
        var zone = StoreWorld.Zone();
        var english = StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: ["en"]);
        var german = StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: ["de"]);
        var french = StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: ["fr"]);
        var store = new CacheStore(2 * StoreWorld.SizeOf(english), new LruEvictionPolicy());
        var key = StoreWorld.Key(zone, "/a");

        store.Insert(english, ticket: null, StoreWorld.MaxVariants);
        store.Insert(german, ticket: null, StoreWorld.MaxVariants);
        store.Insert(french, ticket: null, StoreWorld.MaxVariants);

        Assert.True(english.Removed);
        Assert.Same(german, store.Lookup(key, StoreWorld.Request(("Accept-Language", "de"))).Entry);
        Assert.Same(french, store.Lookup(key, StoreWorld.Request(("Accept-Language", "fr"))).Entry);
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public void Eviction_Removes_The_Least_Recently_Used_Entry()
    {
        var zone = StoreWorld.Zone();
        var a = StoreWorld.Entry(zone, "/a");
        var b = StoreWorld.Entry(zone, "/b");
        var c = StoreWorld.Entry(zone, "/c");
        var d = StoreWorld.Entry(zone, "/d");
        var e = StoreWorld.Entry(zone, "/e");
        var store = new CacheStore(3 * StoreWorld.SizeOf(a), new LruEvictionPolicy());

        store.Insert(a, ticket: null, StoreWorld.MaxVariants);
        store.Insert(b, ticket: null, StoreWorld.MaxVariants);
        store.Insert(c, ticket: null, StoreWorld.MaxVariants);
        store.Lookup(StoreWorld.Key(zone, "/a"), StoreWorld.Request()); // a is now the most recent: b is the oldest
        store.Insert(d, ticket: null, StoreWorld.MaxVariants);

        Assert.True(b.Removed);
        Assert.False(a.Removed || c.Removed || d.Removed);
        Assert.Equal(1, zone.Evictions);

        store.Lookup(StoreWorld.Key(zone, "/c"), StoreWorld.Request()); // order now c, d, a: a is the oldest
        store.Insert(e, ticket: null, StoreWorld.MaxVariants);

        Assert.True(a.Removed);
        Assert.False(c.Removed || d.Removed || e.Removed);
        Assert.Equal(2, zone.Evictions);
        Assert.Equal(3, store.Count);
        Assert.Equal(store.MaxBytes, store.StoredBytes);
    }

    [Fact]
    public void Eviction_Removes_As_Many_Entries_As_A_Larger_Entry_Needs()
    {
        var zone = StoreWorld.Zone();
        var small = Enumerable.Range(0, 4).Select(i => StoreWorld.Entry(zone, $"/s{i}", bodyLength: 1000)).ToArray();
        var store = new CacheStore(4 * StoreWorld.SizeOf(small[0]), new LruEvictionPolicy());
        foreach (var entry in small)
        {
            store.Insert(entry, ticket: null, StoreWorld.MaxVariants);
        }

        // Larger than one small entry, smaller than two: the two oldest must go.
        var large = StoreWorld.Entry(zone, "/large", bodyLength: 1500);
        Assert.Equal(InsertResult.Stored, store.Insert(large, ticket: null, StoreWorld.MaxVariants));

        Assert.True(small[0].Removed);
        Assert.True(small[1].Removed);
        Assert.False(small[2].Removed || small[3].Removed);
        Assert.Equal(2, zone.Evictions);
        Assert.Equal(small[2].Size + small[3].Size + large.Size, store.StoredBytes);
        Assert.True(store.StoredBytes <= store.MaxBytes);
    }

    [Fact]
    public void Evicting_The_Only_Variant_Of_The_Key_Being_Filled_Keeps_The_New_Variant()
    {
        var zone = StoreWorld.Zone();
        var english = StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: ["en"]);
        var german = StoreWorld.Entry(zone, "/a", varyNames: AcceptLanguage, varyValues: ["de"]);
        var store = new CacheStore(StoreWorld.SizeOf(english), new LruEvictionPolicy());

        store.Insert(english, ticket: null, StoreWorld.MaxVariants);
        Assert.Equal(InsertResult.Stored, store.Insert(german, ticket: null, StoreWorld.MaxVariants));

        Assert.True(english.Removed);
        var key = StoreWorld.Key(zone, "/a");
        Assert.Same(german, store.Lookup(key, StoreWorld.Request(("Accept-Language", "de"))).Entry);
        Assert.Null(store.Lookup(key, StoreWorld.Request(("Accept-Language", "en"))).Entry);
        Assert.Equal(1, store.Count);
        Assert.Equal(german.Size, store.StoredBytes);
    }

    [Fact]
    public void Entry_Larger_Than_MaxBytes_Is_Refused_And_Changes_Nothing()
    {
        var zone = StoreWorld.Zone();
        var kept = StoreWorld.Entry(zone, "/kept");
        var store = new CacheStore(10_000, new LruEvictionPolicy());
        store.Insert(kept, ticket: null, StoreWorld.MaxVariants);
        var huge = StoreWorld.Entry(zone, "/huge", bodyLength: 10_000);

        Assert.Equal(InsertResult.TooLarge, store.Insert(huge, ticket: null, StoreWorld.MaxVariants));

        Assert.False(kept.Removed);
        Assert.Null(store.Lookup(StoreWorld.Key(zone, "/huge"), StoreWorld.Request()).Entry);
        Assert.Equal(1, store.Count);
        Assert.Equal(kept.Size, store.StoredBytes);
        Assert.Equal((StoredBytes: (long)kept.Size, Objects: 1L, Evictions: 0L), (zone.StoredBytes, zone.Objects, zone.Evictions));
    }

    [Fact]
    public void Entry_Of_Exactly_MaxBytes_Is_Stored_By_Evicting_Everything_Else()
    {
        var zone = StoreWorld.Zone();
        var exact = StoreWorld.Entry(zone, "/exact", bodyLength: 5_000);
        var store = new CacheStore(StoreWorld.SizeOf(exact), new LruEvictionPolicy());
        var small = StoreWorld.Entry(zone, "/small");
        store.Insert(small, ticket: null, StoreWorld.MaxVariants);

        Assert.Equal(InsertResult.Stored, store.Insert(exact, ticket: null, StoreWorld.MaxVariants));

        Assert.True(small.Removed);
        Assert.Equal(store.MaxBytes, store.StoredBytes);
        Assert.Equal(1, zone.Evictions);
    }

    [Fact]
    public void Accounting_Agrees_With_The_Stored_Entries_Through_Inserts_Replacements_Removals_And_Evictions()
    {
        var zones = new[] { StoreWorld.Zone("a"), StoreWorld.Zone("b") };
        var store = new CacheStore(20_000, new LruEvictionPolicy());
        var random = new Random(2026);
        var inserted = new List<CacheEntry>();
        var evictions = zones.ToDictionary(zone => zone, _ => 0L);

        for (var i = 0; i < 400; i++)
        {
            var zone = zones[random.Next(zones.Length)];
            var path = $"/p{random.Next(40)}";
            var language = random.Next(3) switch { 0 => "en", 1 => "de", _ => null };
            var entry = StoreWorld.Entry(zone, path, bodyLength: random.Next(0, 4_000), varyNames: AcceptLanguage, varyValues: [language]);
            var liveBefore = inserted.Where(stored => !stored.Removed).ToList();

            Assert.Equal(InsertResult.Stored, store.Insert(entry, ticket: null, StoreWorld.MaxVariants));

            // Whatever left during the insert, apart from the variant it replaced, was evicted.
            foreach (var gone in liveBefore.Where(stored => stored.Removed))
            {
                var replaced = gone.PrimaryKey == entry.PrimaryKey && gone.VaryValues[0] == language;
                evictions[gone.ZoneCache] += replaced ? 0 : 1;
            }

            inserted.Add(entry);
            if (random.Next(10) == 0)
            {
                store.Remove(inserted[random.Next(inserted.Count)]);
            }

            AssertAccounting(store, zones, inserted, evictions);
        }

        Assert.True(evictions.Values.Sum() > 0, "The sequence was meant to evict.");
    }

    private static void AssertAccounting(CacheStore store, ZoneCache[] zones, List<CacheEntry> inserted, Dictionary<ZoneCache, long> evictions)
    {
        var live = inserted.Where(entry => !entry.Removed).ToList();
        Assert.True(store.StoredBytes <= store.MaxBytes, $"{store.StoredBytes} stored bytes exceed {store.MaxBytes}.");
        Assert.Equal(live.Sum(entry => entry.Size), store.StoredBytes);
        Assert.Equal(live.Count, store.Count);
        foreach (var zone in zones)
        {
            var own = live.Where(entry => entry.ZoneCache == zone).ToList();
            Assert.Equal(own.Sum(entry => entry.Size), zone.StoredBytes);
            Assert.Equal(own.Count, zone.Objects);
            Assert.Equal(evictions[zone], zone.Evictions);
        }

        foreach (var entry in live)
        {
            var found = store.Lookup(entry.PrimaryKey, entry.VaryValues[0] is { } language
                ? StoreWorld.Request(("Accept-Language", language))
                : StoreWorld.Request());
            Assert.Same(entry, found.Entry);
        }
    }
}
