// Index memory is charged to the entries (invariant 2): every tag costs its string and a tag-index record,
// so an entry's size, and the store's bytes, grow with its tags.
using Lacquer.Caching.Store;
using Lacquer.Purge;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Caching.Indexes;

public sealed class IndexMemoryTests
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
        Assert.Equal(store.StoredBytes, zone.Counters.Snapshot().StoredBytes);
    }

    private static long SizeWith(params string[] tags) => EntrySize.Of("http://a.example/x", Headers, 100, tags, []);
}
