// The host/path trie (PathIndex, PathNode): prefixes fall on path-segment boundaries, a trailing slash
// means "below", URL lookups ignore the query, and removal prunes without losing anything still stored.
using Lacquer.Caching.Store;
using Lacquer.Purge;

namespace Lacquer.Caching.Indexes;

[Collection(MemoryMeasurement.Name)]
public sealed class PathIndexTests
{
    private static readonly string[] Keys =
    [
        "http://a.example/",
        "http://a.example/foo",
        "http://a.example/foo?x=1",
        "http://a.example/foo/",
        "http://a.example/foo/bar",
        "http://a.example/foo/bar/baz?q",
        "http://a.example/foo//bar",
        "http://a.example/foobar",
        "http://a.example/fo",
        "http://a.example/Foo",
        "http://a.example/other/foo",
        "http://b.example/foo",
    ];

    [Theory]
    [InlineData("a.example", "/foo", "/foo /foo?x=1 /foo/ /foo/bar /foo/bar/baz?q /foo//bar")]
    [InlineData("a.example", "/foo/", "/foo/ /foo/bar /foo/bar/baz?q /foo//bar")]
    [InlineData("a.example", "/foo/bar", "/foo/bar /foo/bar/baz?q")]
    [InlineData("a.example", "/foo/bar/", "/foo/bar/baz?q")]
    [InlineData("a.example", "/foo//", "/foo//bar")]
    [InlineData("a.example", "/fo", "/fo")]
    [InlineData("a.example", "/Foo", "/Foo")]
    [InlineData("a.example", "/foob", "")]
    [InlineData("a.example", "/foo/bar/baz/deeper", "")]
    [InlineData("a.example", "/", "/ /foo /foo?x=1 /foo/ /foo/bar /foo/bar/baz?q /foo//bar /foobar /fo /Foo /other/foo")]
    [InlineData("b.example", "/", "/foo")]
    [InlineData("example", "/", "")]
    [InlineData("c.example", "/foo", "")]
    public void Prefix_Covers_Whole_Segments_Only(string host, string prefix, string expected)
    {
        var (index, entries) = Build();

        var found = index.FindPrefix(host, prefix);

        Assert.Equal(Names(expected), Describe(found));
        Assert.Equal(found.Count, found.Distinct().Count());
        Assert.All(found, entry => Assert.Same(entries[entry.PrimaryKey], entry));
    }

    [Theory]
    [InlineData("a.example", "/foo", "/foo /foo?x=1")]
    [InlineData("a.example", "/foo/", "/foo/")]
    [InlineData("a.example", "/", "/")]
    [InlineData("a.example", "/foo/bar/baz", "/foo/bar/baz?q")]
    [InlineData("a.example", "/foo/bar/bazz", "")]
    [InlineData("a.example", "/nothing", "")]
    [InlineData("b.example", "/foo", "/foo")]
    [InlineData("c.example", "/foo", "")]
    public void Path_Lookup_Finds_Every_Query_Of_Exactly_That_Path(string host, string path, string expected)
    {
        var (index, _) = Build();

        Assert.Equal(Names(expected), Describe(index.FindPath(host, path)));
    }

    [Fact]
    public void Index_Candidates_Agree_With_The_Prefix_Rule_For_Every_Stored_Path()
    {
        // The store filters index candidates with PurgeSelector.Matches; the index must never miss one.
        var (index, entries) = Build();
        string[] prefixes = ["/", "/foo", "/foo/", "/foo//", "/foo/bar", "/foo/bar/", "/fo", "/f", "/foobar", "/other", "/other/", "/Foo"];
        foreach (var prefix in prefixes)
        {
            var expected = entries.Values
                .Where(entry => entry.Parts.Host == "a.example" && PurgeSelector.PathHasPrefix(entry.Parts.Path, prefix))
                .Select(entry => entry.PrimaryKey)
                .Order(StringComparer.Ordinal);
            var found = index.FindPrefix("a.example", prefix).Select(entry => entry.PrimaryKey).Order(StringComparer.Ordinal);
            Assert.True(expected.SequenceEqual(found), $"prefix {prefix}: expected [{string.Join(", ", expected)}], index gave [{string.Join(", ", found)}]");
        }
    }

    [Fact]
    public void Removing_A_Leaf_Keeps_Its_Ancestors_And_Siblings()
    {
        var (index, entries) = Build();

        index.Remove(entries["http://a.example/foo/bar/baz?q"]);

        Assert.Equal(Names("/foo/bar"), Describe(index.FindPrefix("a.example", "/foo/bar")));
        Assert.Empty(index.FindPath("a.example", "/foo/bar/baz"));
        Assert.Equal(Names("/foo /foo?x=1 /foo/ /foo/bar /foo//bar"), Describe(index.FindPrefix("a.example", "/foo")));
    }

    [Fact]
    public void Removing_An_Inner_Entry_Keeps_The_Entries_Below_It()
    {
        var (index, entries) = Build();

        index.Remove(entries["http://a.example/foo"]);
        index.Remove(entries["http://a.example/foo?x=1"]);
        index.Remove(entries["http://a.example/"]);

        Assert.Empty(index.FindPath("a.example", "/foo"));
        Assert.Equal(Names("/foo/ /foo/bar /foo/bar/baz?q /foo//bar"), Describe(index.FindPrefix("a.example", "/foo")));
        Assert.Equal(Names("/foo/bar /foo/bar/baz?q"), Describe(index.FindPrefix("a.example", "/foo/bar")));
    }

    [Fact]
    public void Removing_Everything_Leaves_Nothing_To_Find_And_The_Trie_Can_Grow_Again()
    {
        var (index, entries) = Build();
        foreach (var entry in entries.Values)
        {
            index.Remove(entry);
        }

        Assert.Empty(index.FindPrefix("a.example", "/"));
        Assert.Empty(index.FindPrefix("b.example", "/"));

        // Pruned nodes were unlinked, not left half-attached: the same paths index and unindex again.
        var again = PurgeWorld.Indexed(PurgeWorld.Zone(), "http://a.example/foo/bar");
        index.Add(again);
        Assert.Same(again, Assert.Single(index.FindPrefix("a.example", "/foo")));
        index.Remove(again);
        Assert.Empty(index.FindPrefix("a.example", "/"));
    }

    [Fact]
    public void Removal_Is_By_Reference_So_An_Old_Entry_Never_Takes_A_Newer_Ones_Record()
    {
        var zone = PurgeWorld.Zone();
        var index = new PathIndex();
        var old = PurgeWorld.Indexed(zone, "http://a.example/page");
        var newer = PurgeWorld.Indexed(zone, "http://a.example/page");
        index.Add(old);
        index.Add(newer);

        index.Remove(old);
        index.Remove(old);

        Assert.Same(newer, Assert.Single(index.FindPath("a.example", "/page")));
    }

    [Fact]
    public void Removing_An_Entry_That_Was_Never_Indexed_Changes_Nothing()
    {
        var (index, _) = Build();
        var zone = PurgeWorld.Zone();

        index.Remove(PurgeWorld.Indexed(zone, "http://a.example/foo"));
        index.Remove(PurgeWorld.Indexed(zone, "http://a.example/never/seen"));
        index.Remove(PurgeWorld.Indexed(zone, "http://z.example/foo"));

        Assert.Equal(11, index.FindPrefix("a.example", "/").Count);
        Assert.Single(index.FindPrefix("b.example", "/"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Any_Order_Of_Adds_And_Removes_Agrees_With_A_Plain_List(int seed)
    {
        // Leaves become nodes when something is stored below them, and entries move with them; whatever the
        // order, every lookup answers exactly what a plain list of the stored keys says, and nothing is left.
        var random = new Random(seed);
        var zone = PurgeWorld.Zone("a");
        var index = new PathIndex();
        var stored = new List<CacheEntry>();
        var pool = Keys.Concat(Keys.Select(key => key + (key.Contains('?', StringComparison.Ordinal) ? "&v=2" : "?v=2"))).ToArray();
        for (var step = 0; step < 400; step++)
        {
            if (stored.Count > 0 && random.Next(3) == 0)
            {
                var gone = stored[random.Next(stored.Count)];
                stored.Remove(gone);
                index.Remove(gone);
            }
            else
            {
                var entry = PurgeWorld.Indexed(zone, pool[random.Next(pool.Length)]);
                stored.Add(entry);
                index.Add(entry);
            }

            foreach (var (host, prefix) in new[] { ("a.example", "/"), ("a.example", "/foo"), ("a.example", "/foo/"), ("a.example", "/foo/bar"), ("b.example", "/") })
            {
                var expected = stored.Where(entry => entry.Parts.Host == host && PurgeSelector.PathHasPrefix(entry.Parts.Path, prefix));
                Assert.Equal(expected.ToHashSet(), index.FindPrefix(host, prefix).ToHashSet());
            }

            foreach (var path in new[] { "/", "/foo", "/foo/", "/foo/bar" })
            {
                var expected = stored.Where(entry => entry.Parts.Host == "a.example" && entry.Parts.Path == path);
                Assert.Equal(expected.ToHashSet(), index.FindPath("a.example", path).ToHashSet());
            }
        }

        stored.ForEach(index.Remove);
        Assert.Empty(index.FindPrefix("a.example", "/"));
        Assert.Empty(index.FindPrefix("b.example", "/"));
        Assert.Empty(index.All());
    }

    [Fact]
    public void Pruning_Releases_The_Nodes_Of_Removed_Paths()
    {
        // Behaviour, measured: add and remove many distinct deep paths; what the index still holds afterwards
        // must not grow with them (an empty node left behind per segment would cost megabytes here).
        var zone = PurgeWorld.Zone();
        var index = new PathIndex();
        ChurnDistinctPaths(index, zone, 0, 2_000);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        ChurnDistinctPaths(index, zone, 1, 20_000);
        var after = GC.GetTotalMemory(forceFullCollection: true);

        Assert.Empty(index.FindPrefix("a.example", "/"));
        Assert.True(after - before < 2 * 1024 * 1024, $"The index retained {after - before} bytes after 20,000 paths were added and removed.");
        GC.KeepAlive(index);
    }

    private static void ChurnDistinctPaths(PathIndex index, ZoneCache zone, int round, int count)
    {
        var batch = new List<CacheEntry>(1000);
        for (var i = 0; i < count; i++)
        {
            var entry = PurgeWorld.Indexed(zone, $"http://a.example/r{round}/s{i}/t{i}/u{i}?v={i}");
            index.Add(entry);
            batch.Add(entry);
            if (batch.Count == batch.Capacity)
            {
                batch.ForEach(index.Remove);
                batch.Clear();
            }
        }

        batch.ForEach(index.Remove);
    }

    private static (PathIndex Index, Dictionary<string, CacheEntry> Entries) Build()
    {
        var zone = PurgeWorld.Zone("a");
        var index = new PathIndex();
        var entries = new Dictionary<string, CacheEntry>(StringComparer.Ordinal);
        foreach (var key in Keys)
        {
            var entry = PurgeWorld.Indexed(zone, key);
            entries[key] = entry;
            index.Add(entry);
        }

        return (index, entries);
    }

    /// <summary>"/foo /foo?x=1" -> the path-and-query parts, sorted.</summary>
    private static string[] Names(string expected) =>
        [.. expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];

    private static string[] Describe(IEnumerable<CacheEntry> found) =>
        [.. found.Select(entry => entry.PrimaryKey[(entry.PrimaryKey.IndexOf('/', "http://".Length))..]).Order(StringComparer.Ordinal)];
}
