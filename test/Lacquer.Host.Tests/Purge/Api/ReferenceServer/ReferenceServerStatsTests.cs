// docs/compat.md, "Reference server", GET /api/cache/stats: totals over the zones since start or the last clear.
using System.Text.Json;
using Lacquer.Harness;

namespace Lacquer.Purge.Api.ReferenceServer;

public sealed class ReferenceServerStatsTests
{
    [Fact]
    public async Task Stats_Start_At_Zero()
    {
        await using var c = await Conversation.StartAsync();

        (await c.Admin.Get("/api/cache/stats")).ExpectStatus(200)
            .ExpectHeader("Content-Type", "application/json")
            .ExpectBody("""{"hits":0,"misses":0,"evictions":0,"entries":0,"bytes":0,"hitRate":0}""");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Stats_Add_Up_Every_Zone()
    {
        await using var c = await Conversation.StartAsync(SeedApi.WithOtherZone);
        await c.CacheAsync("/a");
        await c.CacheAsync("/b", SeedApi.OtherHost);
        await c.ExpectStillCachedAsync("/a");

        var stats = Parse((await c.Admin.Get("/api/cache/stats")).ExpectStatus(200));

        Assert.Equal((3, 2, 0, 2), (stats.Hits, stats.Misses, stats.Evictions, stats.Entries));
        Assert.Equal(c.Server.Proxy.Store.StoredBytes, stats.Bytes);
        Assert.Equal(0.6, stats.HitRate);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Evictions_Are_Counted_And_Reset_By_The_Clear()
    {
        long oneEntry;
        await using (var probe = await Conversation.StartAsync())
        {
            await probe.CacheAsync("/a");
            oneEntry = probe.Server.Proxy.Store.StoredBytes;
            probe.Origin.ExpectAllConsumed();
        }

        var room = oneEntry + (oneEntry / 2);
        await using var c = await Conversation.StartAsync(s => s with { Cache = s.Cache with { MaxBytes = room, MaxObjectBytes = room } });
        await c.CacheAsync("/a");
        await c.CacheAsync("/b");

        Assert.Equal(1, Parse(await c.Admin.Get("/api/cache/stats")).Evictions);
        (await c.Admin.Send("POST", "/api/cache/clear", null)).ExpectStatus(200);
        Assert.Equal(0, Parse(await c.Admin.Get("/api/cache/stats")).Evictions);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Head_Is_Answered_Without_A_Body()
    {
        await using var c = await Conversation.StartAsync();

        (await c.Admin.Head("/api/cache/stats")).ExpectStatus(200).ExpectBody(string.Empty);
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("POST", 405)]
    [InlineData("DELETE", 405)]
    [InlineData("OPTIONS", 200)]
    public async Task Other_Methods_Are_Refused_As_Flask_Does(string method, int status)
    {
        await using var c = await Conversation.StartAsync();

        (await c.Admin.Send(method, "/api/cache/stats", null)).ExpectStatus(status).ExpectHeader("Allow", "GET, HEAD, OPTIONS");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    private static (long Hits, long Misses, long Evictions, long Entries, long Bytes, double HitRate) Parse(Exchange exchange)
    {
        using var json = JsonDocument.Parse(exchange.Body);
        var root = json.RootElement;
        return (root.GetProperty("hits").GetInt64(), root.GetProperty("misses").GetInt64(), root.GetProperty("evictions").GetInt64(),
            root.GetProperty("entries").GetInt64(), root.GetProperty("bytes").GetInt64(), root.GetProperty("hitRate").GetDouble());
    }
}
