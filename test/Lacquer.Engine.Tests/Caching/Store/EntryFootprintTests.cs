// The entry object is paid once per cached response, so its size is watched: a field added without thought
// shows up here (docs/performance.md, Memory).
namespace Lacquer.Caching.Store;

public sealed class EntryFootprintTests
{
    /// <summary>
    /// 16 B of object header, 11 references (the key, the shared field list, the response's own ETag and
    /// Last-Modified, and the rules most responses lack among them), 4 longs, the size and the state word
    /// (status, eviction queue, access counter and flags).
    /// </summary>
    private const long ExpectedEntryBytes = 144;

    [Fact]
    public void An_Entry_Object_Takes_144_Bytes()
    {
        var zone = StoreWorld.Zone();
        var headers = new KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>[] { new("Content-Type", "text/plain") };
        var body = new byte[16];
        string[] tags = ["a"];
        string[] varyNames = [];
        string?[] varyValues = [];
        var key = StoreWorld.Key(zone, "/a");
        Build(); // JIT the initializer before measuring.

        var before = GC.GetAllocatedBytesForCurrentThread();
        var entry = Build();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(entry);
        Assert.Equal(ExpectedEntryBytes, allocated);

        CacheEntry Build() => new()
        {
            PrimaryKey = key,
            ZoneCache = zone,
            VaryNames = varyNames,
            VaryValues = varyValues,
            Status = 200,
            Headers = headers,
            Body = body,
            Tags = tags,
            ResponseTime = StoreWorld.Now,
            CorrectedInitialAge = TimeSpan.Zero,
            FreshnessLifetime = TimeSpan.FromMinutes(1),
        };
    }
}
