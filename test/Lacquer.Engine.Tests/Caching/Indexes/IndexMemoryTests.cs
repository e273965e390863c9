// Index memory is charged to the entries (invariant 2): every tag costs its string and a tag-index record and
// every path segment its trie node, so an entry's size, and the store's bytes, grow with them; and what the
// store charges is at least what its entries and their index records really occupy, measured.
using System.Globalization;
using Lacquer.Caching.Store;
using Lacquer.Purge;
using Microsoft.Extensions.Primitives;
using Xunit.Abstractions;

namespace Lacquer.Caching.Indexes;

[Collection(MemoryMeasurement.Name)]
public sealed class IndexMemoryTests(ITestOutputHelper output)
{
    private static readonly KeyValuePair<string, StringValues>[] Headers = [new("Content-Type", new StringValues("text/plain"))];

    [Fact]
    public void Entry_Size_Grows_With_Each_Tag_And_With_Its_Length()
    {
        var none = SizeWith();
        var one = SizeWith("red");
        var two = SizeWith("red", "blue");
        var longer = SizeWith("a-much-longer-tag-name");

        Assert.True(one > none, $"one tag: {one} <= {none}");
        Assert.True(two > one, $"two tags: {two} <= {one}");
        Assert.True(longer > one, $"a longer tag: {longer} <= {one}");

        // At least the tag's UTF-16 characters, plus a record in the index.
        Assert.True(one - none > 2 * "red".Length, $"a tag costs only {one - none} bytes");
        Assert.Equal(one - none, two - SizeWith("blue"));
    }

    [Fact]
    public void The_Store_Charges_Tags_Against_Its_Limit()
    {
        var zone = PurgeWorld.Zone();
        var store = PurgeWorld.Store();
        var plain = PurgeWorld.Stored(store, zone, "http://a.example/plain");
        var bytesBefore = store.StoredBytes;

        var tagged = PurgeWorld.Stored(store, zone, "http://a.example/tags", [.. Enumerable.Range(0, 50).Select(i => $"tag-{i}")]);

        Assert.True(tagged.Size > plain.Size + (50 * 2 * "tag-0".Length), $"50 tags cost only {tagged.Size - plain.Size} bytes");
        Assert.Equal(bytesBefore + tagged.Size, store.StoredBytes);
        Assert.Equal(store.StoredBytes, zone.StoredBytes);
    }

    [Fact]
    public void Entry_Size_Grows_With_Path_Segments()
    {
        var flat = EntrySize.Of("http://a.example/abcdef", new StoredFields(Headers, null, null), 100, [], []);
        var deep = EntrySize.Of("http://a.example/ab/cd/ef", new StoredFields(Headers, null, null), 100, [], []);
        var deeper = EntrySize.Of("http://a.example/ab/cd/ef/", new StoredFields(Headers, null, null), 100, [], []);
        var withQuery = EntrySize.Of("http://a.example/abcdef?x=/y/z", new StoredFields(Headers, null, null), 100, [], []);

        Assert.True(deep > flat, $"/ab/cd/ef: {deep} <= /abcdef: {flat}");
        Assert.True(deeper > deep, $"/ab/cd/ef/: {deeper} <= /ab/cd/ef: {deep}");
        Assert.True(withQuery - flat < 100, $"slashes in the query were charged as path segments: {withQuery - flat} bytes");
    }

    [Theory]
    [InlineData("shallow paths", 1, 0, false, false, "s3fifo")]
    [InlineData("shallow paths", 1, 0, false, false, "lru")]
    [InlineData("deep unique paths", 40, 0, false, false, "s3fifo")]
    [InlineData("unique tags", 2, 20, false, false, "s3fifo")]
    [InlineData("shared tags", 2, 20, true, false, "s3fifo")]
    [InlineData("key headers and vary", 3, 2, false, true, "s3fifo")]
    [InlineData("key headers and vary", 3, 2, false, true, "lru")]
    public void The_Store_Charges_At_Least_What_Entries_And_Their_Index_Records_Occupy(
        string shape, int depth, int tags, bool sharedTags, bool variants, string policy)
    {
        const int count = 2_000;
        const long maxBytes = 1L << 40;
        var zone = PurgeWorld.Zone();
        var store = new CacheStore(maxBytes, policy == "lru" ? new LruEvictionPolicy() : new S3FifoEvictionPolicy(maxBytes));
        var shared = Enumerable.Range(0, tags).Select(t => string.Create(CultureInfo.InvariantCulture, $"shared-tag-{t}")).ToArray();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var i = 0; i < count; i++)
        {
            var path = string.Concat(Enumerable.Range(0, depth).Select(d => string.Create(CultureInfo.InvariantCulture, $"/s{i}-{d}")));
            var key = variants ? $"http://a.example{path}?q={i}\ncf-device-type:mobile" : $"http://a.example{path}";
            string[] entryTags = sharedTags ? shared : [.. Enumerable.Range(0, tags).Select(t => string.Create(CultureInfo.InvariantCulture, $"tag-{i}-{t}"))];
            var entry = PurgeWorld.Entry(zone, key, entryTags, bodyLength: 0, vary: variants ? "Accept-Language:en-GB,en;q=0.8" : null);
            PurgeWorld.Stored(store, entry);
        }

        var occupied = GC.GetTotalMemory(forceFullCollection: true) - before;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{shape} ({policy}): occupied {occupied / count} B per entry, charged {store.StoredBytes / count} B per entry"));
        Assert.True(occupied <= store.StoredBytes, $"{shape}: {occupied} bytes occupied, only {store.StoredBytes} charged against cache.maxBytes.");
        GC.KeepAlive(store);
        GC.KeepAlive(shared);
    }

    [Fact]
    public void The_Store_Charges_At_Least_What_Keys_With_Full_Variant_Tables_Occupy()
    {
        // Keys at the default bound of variants: their hash tables (VariantTable) are charged to the entries too.
        const int keys = 20, perKey = Configuration.CacheSettings.DefaultMaxVariants;
        const long maxBytes = 1L << 40;
        var zone = PurgeWorld.Zone();
        var store = new CacheStore(maxBytes, new S3FifoEvictionPolicy(maxBytes));
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var k = 0; k < keys; k++)
        {
            for (var v = 0; v < perKey; v++)
            {
                var language = string.Create(CultureInfo.InvariantCulture, $"Accept-Language:x-{v}");
                PurgeWorld.Stored(store, PurgeWorld.Entry(zone, string.Create(CultureInfo.InvariantCulture, $"http://a.example/k{k}"), bodyLength: 0, vary: language));
            }
        }

        var occupied = GC.GetTotalMemory(forceFullCollection: true) - before;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{perKey} variants per key: occupied {occupied / (keys * perKey)} B per entry, charged {store.StoredBytes / (keys * perKey)} B per entry"));
        Assert.Equal(keys * perKey, store.Count);
        Assert.True(occupied <= store.StoredBytes, $"{occupied} bytes occupied, only {store.StoredBytes} charged against cache.maxBytes.");
        GC.KeepAlive(store);
    }

    private static long SizeWith(params string[] tags) => EntrySize.Of("http://a.example/x", new StoredFields(Headers, null, null), 100, tags, []);
}
