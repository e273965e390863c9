// The admin listener's health and counters (docs/request-path.md "Counters"): /healthz answers, and
// /api/stats has per-zone and total hits, misses, staleHits, evictions, storedBytes and objects that match a
// scripted sequence exactly.
using Lacquer.Harness;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Caching;

public sealed class StatsTests
{
    [Fact]
    public async Task Healthz_Answers_Ok()
    {
        await using var c = await Conversation.StartAsync();

        (await c.Admin.Get("/healthz")).ExpectStatus(200).ExpectBody("ok\n");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Stats_Count_Hits_Misses_Evictions_And_Stored_Objects_Per_Zone_And_In_Total()
    {
        // Room for two 5000-byte objects and a small one, never three large ones. Pinned to LRU so the
        // eviction order below is simple to state; S3-FIFO's order has its own tests (S3FifoEvictionPolicyTests).
        await using var c = await Conversation.StartAsync(s => s with
        {
            Cache = s.Cache with { MaxBytes = 15_000, MaxObjectBytes = 6_000, EvictionPolicy = Configuration.EvictionPolicyKind.Lru },
            Zones = [s.Zones[0], TestSettings.Zone(s.Zones[0].Origin, name: "other", host: "other.example", id: "fedcba9876543210fedcba9876543210")],
        });
        var large = new string('x', 5000);
        c.Origin.OnGet("/x").Reply(200, "small", "Cache-Control: max-age=60");
        c.Origin.OnGet("/a").Reply(200, large, "Cache-Control: max-age=60");
        c.Origin.OnGet("/b").Reply(200, large, "Cache-Control: max-age=60");
        c.Origin.OnGet("/c").Reply(200, large, "Cache-Control: max-age=60");
        c.Origin.OnGet("/n").Reply(200, "never stored", "Cache-Control: no-store");

        Assert.Equal(new Stats(0, 0, 0, 0, 0, 0), await Stats.Read(c.Admin, zone: null));

        (await c.Client.Get("/x", "Host: other.example")).ExpectMiss().ExpectStored();
        (await c.Client.Get("/x", "Host: other.example")).ExpectHit();
        (await c.Client.Get("/a")).ExpectMiss().ExpectStored();
        (await c.Client.Get("/a")).ExpectHit();
        (await c.Client.Get("/a")).ExpectHit();
        (await c.Client.Get("/b")).ExpectMiss().ExpectStored();
        (await c.Client.Get("/n")).ExpectNotStored("response-no-store");
        Assert.Equal(3, c.Server.Proxy.Store.Count);

        // /c needs room: the least recently used /x (other zone), then /a, are evicted.
        (await c.Client.Get("/c")).ExpectMiss().ExpectStored();

        var b = Stored(c, "/b");
        var cEntry = Stored(c, "/c");
        Assert.Null(c.Server.Proxy.Store.Lookup("http://other.example/x", new Lacquer.Caching.Keys.NoRequestFields()).Entry);
        Assert.Null(c.Server.Proxy.Store.Lookup($"http://{TestSettings.Host}/a", new Lacquer.Caching.Keys.NoRequestFields()).Entry);
        var test = new Stats(Hits: 2, Misses: 4, StaleHits: 0, Evictions: 1, StoredBytes: b.Size + cEntry.Size, Objects: 2);
        var other = new Stats(Hits: 1, Misses: 1, StaleHits: 0, Evictions: 1, StoredBytes: 0, Objects: 0);
        Assert.Equal(test, await Stats.Read(c.Admin, "test"));
        Assert.Equal(other, await Stats.Read(c.Admin, "other"));
        Assert.Equal(new Stats(3, 5, 0, 2, b.Size + cEntry.Size, 2), await Stats.Read(c.Admin, zone: null));
        Assert.Equal(c.Server.Proxy.Store.StoredBytes, (await Stats.Read(c.Admin, zone: null)).StoredBytes);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Stats_Are_Json()
    {
        await using var c = await Conversation.StartAsync();

        (await c.Admin.Get("/api/stats")).ExpectStatus(200).ExpectHeader("Content-Type", "application/json");
        c.Origin.ExpectAllConsumed();
    }

    private static Store.CacheEntry Stored(Conversation c, string path) =>
        c.Server.Proxy.Store.Lookup($"http://{TestSettings.Host}{path}", new Lacquer.Caching.Keys.NoRequestFields()).Entry
        ?? throw new Xunit.Sdk.XunitException($"{path} is not stored.");
}
