// docs/compat.md, "Service cache", POST /api/system/cache/clear and its alias: the successful clears, the unknown service,
// the framework's 405 and trailing-slash redirect, and switching the surface off.
using Lacquer.Harness;

namespace Lacquer.Purge.Api.ServiceCache;

public sealed class ServiceCacheClearTests
{
    private const string Clear = "/api/system/cache/clear";

    [Theory]
    [InlineData(Clear, """{"serviceName": "other"}""")]
    [InlineData("/api/system/performance/clear-cache", """{"serviceName": "other"}""")]
    [InlineData(Clear, """{"service_name":"other"}""")]
    [InlineData(Clear, """{"serviceName":"other","service_name":"test","verbose":true}""")]
    public async Task Clearing_A_Service_Empties_Only_That_Zone_And_Lists_What_It_Held(string path, string body)
    {
        await using var c = await Conversation.StartAsync(SeedApi.WithOtherZone);
        await c.CacheAsync("/a");
        await c.CacheAsync("/b", SeedApi.OtherHost);
        await c.CacheAsync("/c?x=1", SeedApi.OtherHost);

        (await c.Admin.Send("POST", path, SeedApi.Json(body))).ExpectStatus(200)
            .ExpectHeader("Content-Type", "application/json")
            .ExpectBody("""{"status":"success","message":"Successfully cleared cache for service: other","clearedItems":["http://other.example/b","http://other.example/c?x=1"],"timestamp":"2026-11-22T12:00:00Z","success":true,"entriesCleared":2}""");

        await c.ExpectClearedAsync("/b", SeedApi.OtherHost);
        await c.ExpectStillCachedAsync("/a");
        var purge = c.SinglePurge();
        Assert.Equal(("service-cache", "unauthenticated 127.0.0.1", 2L), (purge.Surface, purge.Who, purge.Matched));
        Assert.Equal(["other"], purge.Zones);
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("", "application/json")]
    [InlineData("", null)]
    [InlineData("{}", "application/json")]
    [InlineData("""{"serviceName":null}""", "application/json")]
    [InlineData("""{"service_name":null}""", "application/json")]
    [InlineData("null", "application/json")]
    [InlineData("""{"unrelated":[1,2]}""", "application/json; charset=utf-8")]
    public async Task No_Service_Name_Clears_Every_Zone(string body, string? contentType)
    {
        await using var c = await Conversation.StartAsync(SeedApi.WithOtherZone);
        await c.CacheAsync("/a");
        await c.CacheAsync("/b", SeedApi.OtherHost);

        (await c.Admin.Send("POST", Clear, SeedApi.Body(body, contentType))).ExpectStatus(200)
            .ExpectBody("""{"status":"success","message":"Successfully cleared global cache","clearedItems":["http://other.example/b","http://test.example/a"],"timestamp":"2026-11-22T12:00:00Z","success":true,"entriesCleared":2}""");

        await c.ExpectClearedAsync("/a");
        await c.ExpectClearedAsync("/b", SeedApi.OtherHost);
        Assert.Equal(["test", "other"], c.SinglePurge().Zones);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Second_Clear_Reports_Nothing_Left()
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", Clear, null)).ExpectStatus(200);
        (await c.Admin.Send("POST", Clear, null)).ExpectStatus(200)
            .ExpectBody("""{"status":"success","message":"Successfully cleared global cache","clearedItems":[],"timestamp":"2026-11-22T12:00:00Z","success":true,"entriesCleared":0}""");

        await c.ExpectClearedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Cleared_Items_Stop_At_1000_While_The_Count_Is_Complete()
    {
        await using var c = await Conversation.StartAsync();
        for (var i = 0; i < 1001; i++)
        {
            c.Origin.OnGet($"/p{i}").Reply(200, "x", "Cache-Control: max-age=600");
            (await c.Client.Get($"/p{i}")).ExpectStored();
        }

        var exchange = (await c.Admin.Send("POST", Clear, SeedApi.Json("""{"serviceName":"test"}"""))).ExpectStatus(200);

        using var json = System.Text.Json.JsonDocument.Parse(exchange.Body);
        Assert.Equal(1000, json.RootElement.GetProperty("clearedItems").GetArrayLength());
        Assert.Equal(1001, json.RootElement.GetProperty("entriesCleared").GetInt32());
        Assert.Equal(1001, c.SinglePurge().Matched);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task An_Unknown_Service_Is_404_In_The_Response_Shape_And_Clears_Nothing()
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", Clear, SeedApi.Json("""{"serviceName":"etherforce"}"""))).ExpectStatus(404)
            .ExpectHeader("Content-Type", "application/json")
            .ExpectBody("""{"status":"error","message":"Unknown service: etherforce","clearedItems":[],"timestamp":"2026-11-22T12:00:00Z","success":false,"entriesCleared":0}""");

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("GET", Clear)]
    [InlineData("PUT", Clear)]
    [InlineData("DELETE", Clear)]
    [InlineData("HEAD", Clear)]
    [InlineData("GET", "/api/system/performance/clear-cache")]
    public async Task Other_Methods_Are_405_With_Allow_Post(string method, string path)
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");

        var exchange = (await c.Admin.Send(method, path, null)).ExpectStatus(405).ExpectHeader("Allow", "POST");
        exchange.ExpectBody(method == "HEAD" ? string.Empty : """{"detail":"Method Not Allowed"}""");

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Trailing_Slash_Is_Redirected_Like_Starlette_Does()
    {
        await using var c = await Conversation.StartAsync();

        (await c.Admin.Send("POST", Clear + "/?x=1", SeedApi.Json("{}"))).ExpectStatus(307)
            .ExpectHeader("Location", "http://127.0.0.1" + Clear + "?x=1")
            .ExpectBody(string.Empty);

        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Switched_Off_The_Routes_Are_Not_There()
    {
        await using var c = await Conversation.StartAsync(s => s with
        {
            Compat = s.Compat with { ServiceCache = s.Compat.ServiceCache with { Enabled = false } },
        });
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", Clear, SeedApi.Json("{}"))).ExpectStatus(404);
        (await c.Admin.Send("POST", "/api/system/performance/clear-cache", SeedApi.Json("{}"))).ExpectStatus(404);

        await c.ExpectStillCachedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }
}
