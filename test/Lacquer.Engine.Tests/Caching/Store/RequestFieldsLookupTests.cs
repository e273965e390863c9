// The store's lookup reads the request through IRequestFields only (RFC 9111 §4.1 Vary selection): it asks for
// exactly the Vary names of the variants it compares, and applies the one normalisation to what it gets, the
// same way whether a key holds one variant, a scanned array of a few or a hash table of many (Variants.cs).
// The request here is a plain dictionary, not an HTTP server's header collection; the proxy's own struct over
// its request headers is checked to look up without allocating.
using Lacquer.Caching.Keys;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Caching.Store;

public sealed class RequestFieldsLookupTests
{
    private static readonly string[] AcceptLanguage = ["accept-language"];
    private static readonly string[] LanguageAndEncoding = ["accept-language", "accept-encoding"];

    /// <summary>One entry, an array scanned in order, and a hash table (more than Variants.MaxScanned).</summary>
    public static readonly TheoryData<int> Shapes = new() { 1, 3, Variants.MaxScanned + 4 };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Lookup_Asks_For_The_Stored_Vary_Names_Only(int variants)
    {
        var (store, key) = StoreOf(variants, LanguageAndEncoding, i => [$"x-{i}", "gzip"]);
        var request = new RecordingFields(("Accept-Language", "x-0"), ("Accept-Encoding", "gzip"), ("Cookie", "a=1"));

        var found = store.Lookup(key, request);

        Assert.Equal("x-0", found.Entry?.VaryValues[0]);
        Assert.NotEmpty(request.Asked);
        Assert.All(request.Asked, name => Assert.Contains(name, LanguageAndEncoding));
    }

    [Fact]
    public void Lookup_Of_An_Entry_Without_Vary_Asks_For_Nothing()
    {
        var zone = StoreWorld.Zone();
        var store = new CacheStore(1_000_000, new LruEvictionPolicy());
        var entry = StoreWorld.Entry(zone, "/a");
        store.Insert(entry, ticket: null, StoreWorld.MaxVariants);
        var request = new RecordingFields(("Accept-Language", "en"));

        Assert.Same(entry, store.Lookup(StoreWorld.Key(zone, "/a"), request).Entry);
        Assert.Same(entry, store.Lookup(StoreWorld.Key(zone, "/a"), new NoRequestFields()).Entry);
        Assert.Empty(request.Asked);
    }

    /// <summary>
    /// Stored value (null: the field was absent), the request's field lines (none: absent), whether they match.
    /// </summary>
    public static readonly TheoryData<string?, string[], bool> Selections = new()
    {
        { "en,de", ["en , de"], true },         // whitespace around list commas is not significant
        { "en,de", [" en", "de "], true },       // field lines combine with a comma
        { "en,de", ["de,en"], false },           // order is kept
        { "en", ["EN"], false },                 // values compare exactly: a miss, never a wrong answer
        { "", [""], true },                      // present and empty
        { "", [], false },                       // empty is not absent
        { null, [], true },                      // absent matches absent
        { null, [""], false },                   // and only absent
        { null, ["en"], false },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public void Selection_Is_The_Same_For_Every_Shape(string? stored, string[] lines, bool matches)
    {
        foreach (var variants in new[] { 1, 3, Variants.MaxScanned + 4 })
        {
            var (store, key) = StoreOf(variants, AcceptLanguage, i => [i == 0 ? stored : $"x-{i}"]);
            var request = lines.Length == 0 ? new RecordingFields() : new RecordingFields([.. lines.Select(line => ("Accept-Language", line))]);

            var found = store.Lookup(key, request);

            Assert.Equal(matches, found.Entry is { } entry && entry.VaryValues[0] == stored);
            Assert.True(found.KeyHasVariants);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_Hit_Through_The_Request_Headers_Allocates_Nothing(int variants)
    {
        var (store, key) = StoreOf(variants, LanguageAndEncoding, i => [$"en-{i},de;q=0.5", "gzip,br"]);
        IHeaderDictionary headers = new HeaderDictionary();
        headers.AcceptLanguage = "en-0 ,  de;q=0.5";
        headers.Append("Accept-Encoding", "gzip");
        headers.Append("Accept-Encoding", " br");
        var request = new RequestHeaderFields(headers);
        Assert.NotNull(store.Lookup(key, request).Entry); // warmed: the JIT and the dictionary's first use

        var before = GC.GetAllocatedBytesForCurrentThread();
        var found = store.Lookup(key, request);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("en-0,de;q=0.5", found.Entry?.VaryValues[0]);
        Assert.Equal(0, allocated);
    }

    /// <summary>A store whose key "/a" holds <paramref name="variants"/> variants, variant i with <paramref name="values"/>(i).</summary>
    private static (CacheStore Store, string Key) StoreOf(int variants, string[] names, Func<int, string?[]> values)
    {
        var zone = StoreWorld.Zone();
        var store = new CacheStore(100_000_000, new LruEvictionPolicy());
        for (var i = variants - 1; i >= 0; i--)
        {
            var entry = StoreWorld.Entry(zone, "/a", varyNames: names, varyValues: values(i));
            Assert.Equal(InsertResult.Stored, store.Insert(entry, ticket: null, StoreWorld.MaxVariants));
        }

        Assert.Equal(variants, store.Count);
        return (store, StoreWorld.Key(zone, "/a"));
    }

    /// <summary>A request's fields held in a dictionary (names case-insensitive), recording every name asked for.</summary>
    private sealed class RecordingFields(params (string Name, string Line)[] lines) : IRequestFields
    {
        public List<string> Asked { get; } = [];

        public StringValues Get(string name)
        {
            Asked.Add(name);
            var found = lines.Where(line => string.Equals(line.Name, name, StringComparison.OrdinalIgnoreCase)).Select(line => line.Line).ToArray();
            return found.Length == 0 ? StringValues.Empty : new StringValues(found);
        }
    }
}
