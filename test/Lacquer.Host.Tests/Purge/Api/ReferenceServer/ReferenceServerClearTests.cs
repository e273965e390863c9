// docs/compat.md, "Reference server", POST /api/cache/clear: every zone emptied, the hit/miss/eviction counters read zero right
// after, one "Cache cleared" line at Information; body, query and content type ignored; Flask's 405s.
using Lacquer.Configuration;
using Lacquer.Harness;
using Lacquer.Security;
using Microsoft.Extensions.Logging;

namespace Lacquer.Purge.Api.ReferenceServer;

public sealed class ReferenceServerClearTests
{
    private const string Clear = "/api/cache/clear";
    private const string ZeroStats = """{"hits":0,"misses":0,"evictions":0,"entries":0,"bytes":0,"hitRate":0}""";

    [Fact]
    public async Task Clear_Empties_Every_Zone_Resets_The_Counters_And_Logs_Cache_Cleared()
    {
        var log = new CapturedLog();
        await using var c = await Conversation.StartAsync(SeedApi.WithOtherZone, log.Add);
        await c.CacheAsync("/a");
        await c.CacheAsync("/b", SeedApi.OtherHost);
        Assert.NotEqual(ZeroStats, (await c.Admin.Get("/api/cache/stats")).Text);

        (await c.Admin.Send("POST", Clear, null)).ExpectStatus(200)
            .ExpectHeader("Content-Type", "application/json")
            .ExpectBody("""{"success":true,"message":"Cache cleared"}""");

        (await c.Admin.Get("/api/cache/stats")).ExpectStatus(200).ExpectBody(ZeroStats);
        Assert.Contains("\"total\":{\"hits\":0,\"misses\":0,\"staleHits\":0,\"evictions\":0,\"storedBytes\":0,\"objects\":0,\"reclaimPending\":0}", (await c.Admin.Get("/api/stats")).Text, StringComparison.Ordinal);
        var line = Assert.Single(log.Lines, line => line.Message == "Cache cleared");
        Assert.Equal(("Lacquer.Purge.Api.ReferenceServer", LogLevel.Information), (line.Category, line.Level));
        var purge = c.SinglePurge();
        Assert.Equal(("reference-server", "unauthenticated 127.0.0.1", 2L), (purge.Surface, purge.Who, purge.Matched));
        Assert.Equal(["test", "other"], purge.Zones);
        await c.ExpectClearedAsync("/a");
        await c.ExpectClearedAsync("/b", SeedApi.OtherHost);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Body_Query_And_Content_Type_Are_Ignored()
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", Clear + "?zone=nope&all=false", SeedApi.Body("{not json", "text/plain"))).ExpectStatus(200)
            .ExpectBody("""{"success":true,"message":"Cache cleared"}""");

        await c.ExpectClearedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Other_Methods_Get_Flasks_405_Page_And_Clear_Nothing(string method)
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");

        var exchange = (await c.Admin.Send(method, Clear, null)).ExpectStatus(405)
            .ExpectHeader("Allow", "POST, OPTIONS")
            .ExpectHeader("Content-Type", "text/html; charset=utf-8");
        exchange.ExpectBody(method == "HEAD" ? string.Empty : "<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n");

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Options_Is_200_With_The_Allowed_Methods()
    {
        await using var c = await Conversation.StartAsync();

        (await c.Admin.Send("OPTIONS", Clear, null)).ExpectStatus(200).ExpectHeader("Allow", "POST, OPTIONS").ExpectBody(string.Empty);

        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("")]
    [InlineData("Authorization: Bearer wrong")]
    public async Task With_A_Token_Configured_A_Caller_Without_It_Is_401(string header)
    {
        string[] headers = header.Length == 0 ? [] : [header];
        await using var c = await Conversation.StartAsync(WithToken);
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", Clear, null, headers)).ExpectStatus(401)
            .ExpectHeader("WWW-Authenticate", "Bearer")
            .ExpectBody("""{"success":false,"message":"Unauthorized"}""");
        (await c.Admin.Get("/api/cache/stats", headers)).ExpectStatus(401);

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task With_A_Token_Configured_The_Bearer_Token_Clears()
    {
        await using var c = await Conversation.StartAsync(WithToken);
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", Clear, null, "Authorization: Bearer ref-t0ken")).ExpectStatus(200);
        (await c.Admin.Get("/api/cache/stats", "Authorization: Bearer ref-t0ken")).ExpectStatus(200).ExpectBody(ZeroStats);

        Assert.Equal("reference-server token", c.SinglePurge().Who);
        await c.ExpectClearedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Switched_Off_The_Routes_Are_Not_There()
    {
        await using var c = await Conversation.StartAsync(s => s with
        {
            Compat = s.Compat with { ReferenceServer = s.Compat.ReferenceServer with { Enabled = false } },
        });
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", Clear, null)).ExpectStatus(404);
        (await c.Admin.Get("/api/cache/stats")).ExpectStatus(404);

        await c.ExpectStillCachedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }

    private static LacquerSettings WithToken(LacquerSettings s) =>
        s with { Compat = s.Compat with { ReferenceServer = new OpenSurfaceSettings(true, SecretHash.Of("ref-t0ken"), false) } };
}
