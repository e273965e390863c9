// GET /api/purges on the admin listener: the audit log, newest first, for a token with the read permission,
// limited to the zones that token covers. It names who purged (the token's name), never a secret.
using System.Text.Json;
using Lacquer.Configuration;
using Lacquer.Harness;

namespace Lacquer.Purge.Api;

public sealed class PurgeLogReportTests
{
    private const string AuditorSecret = "s3cr3t-auditor-value";
    private const string OtherReaderSecret = "s3cr3t-other-reader-value";
    private const string OpsSecret = "s3cr3t-ops-value";

    private static readonly string[] Other = [$"Host: {PurgeTestSettings.OtherHost}"];
    private static readonly string[] Secrets = [PurgeTestSettings.Secret, AuditorSecret, OtherReaderSecret, OpsSecret];

    [Theory]
    [InlineData(null)]
    [InlineData("Authorization: Bearer not-a-token")]
    [InlineData("Authorization: Basic " + AuditorSecret)]
    [InlineData("Authorization: " + AuditorSecret)]
    public async Task Without_A_Known_Bearer_Token_Is_401(string? authorization)
    {
        await using var c = await Conversation.StartAsync(Configure());

        var exchange = await c.Admin.Send("GET", "/api/purges", null, authorization is null ? [] : [authorization]);

        exchange.ExpectStatus(401).ExpectJson("""{"error":"A token with the read permission is required (Authorization: Bearer)."}""");
        Assert.DoesNotContain("s3cr3t", exchange.Text, StringComparison.Ordinal);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Purge_Only_Token_Is_403()
    {
        await using var c = await Conversation.StartAsync(Configure());

        (await c.Admin.Send("GET", "/api/purges", null, $"Authorization: Bearer {PurgeTestSettings.Secret}"))
            .ExpectStatus(403).ExpectJson("""{"error":"This token lacks the read permission."}""");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Lists_Purges_Newest_First_With_Who_And_Matched_Count()
    {
        await using var c = await Conversation.StartAsync(Configure());
        await c.Store("/a", "a1", reply: ["Cache-Tag: red"]);
        await c.Store("/b", "b1", reply: ["Cache-Tag: red"]);
        await c.Store("/o", "o1", send: Other);

        var first = (await c.Admin.CloudflarePurge("""{"tags":["Red"]}""")).ExpectCloudflareSuccess().PurgeId();
        var second = Id(await c.Client.Send("PURGE", "/nothing", null));
        var third = (await c.Admin.CloudflarePurge("""{"purge_everything":true,"soft":true}""", OpsSecret, PurgeTestSettings.OtherZoneId)).ExpectCloudflareSuccess().PurgeId();

        var exchange = (await c.Admin.Send("GET", "/api/purges", null, $"Authorization: Bearer {AuditorSecret}")).ExpectStatus(200);

        var purges = Purges(exchange);
        Assert.Equal([third, second, first], purges.Select(p => p.GetProperty("id").GetString()));
        Assert.Equal(["ops", "loopback", PurgeTestSettings.TokenName], purges.Select(p => p.GetProperty("who").GetString()));
        Assert.Equal([1L, 0L, 2L], purges.Select(p => p.GetProperty("matched").GetInt64()));
        Assert.Equal(["cloudflare", "purge-method", "cloudflare"], purges.Select(p => p.GetProperty("surface").GetString()));
        Assert.Equal(["soft", "hard", "hard"], purges.Select(p => p.GetProperty("mode").GetString()));
        Assert.Equal(["other", "test", "test"], purges.Select(p => p.GetProperty("zones")[0].GetString()));
        Assert.Equal("tag:red", purges[2].GetProperty("selectors")[0].GetString());
        Assert.Equal("2026-11-22T12:00:00+00:00", purges[2].GetProperty("at").GetString());
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, exchange.Text, StringComparison.Ordinal);
        }

        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Zone_Scoped_Read_Token_Sees_Only_Its_Zones_Purges()
    {
        await using var c = await Conversation.StartAsync(Configure());

        (await c.Admin.CloudflarePurge("""{"tags":["x"]}""")).ExpectCloudflareSuccess();
        var other = (await c.Admin.CloudflarePurge("""{"tags":["y"]}""", zoneId: PurgeTestSettings.OtherZoneId)).ExpectCloudflareSuccess().PurgeId();
        (await c.Client.Send("PURGE", "/z", null)).ExpectStatus(200);

        var scoped = Purges((await c.Admin.Send("GET", "/api/purges", null, $"Authorization: Bearer {OtherReaderSecret}")).ExpectStatus(200));
        var all = Purges((await c.Admin.Send("GET", "/api/purges", null, $"Authorization: Bearer {AuditorSecret}")).ExpectStatus(200));

        Assert.Equal([other], scoped.Select(p => p.GetProperty("id").GetString()));
        Assert.Equal(3, all.Length);
        c.Origin.ExpectAllConsumed();
    }

    private static Func<LacquerSettings, LacquerSettings> Configure() => PurgeTestSettings.Configure(tokens:
    [
        PurgeTestSettings.Token("auditor", AuditorSecret, [TokenSettings.AllZones], TokenSettings.ReadPermission),
        PurgeTestSettings.Token("other-reader", OtherReaderSecret, [PurgeTestSettings.OtherZone], TokenSettings.ReadPermission),
        PurgeTestSettings.Token("ops", OpsSecret, [TokenSettings.AllZones], TokenSettings.PurgePermission, TokenSettings.ReadPermission),
    ]);

    private static string Id(Exchange purgeMethodAnswer)
    {
        purgeMethodAnswer.ExpectStatus(200);
        using var document = JsonDocument.Parse(purgeMethodAnswer.Body);
        return document.RootElement.GetProperty("id").GetString()!;
    }

    private static JsonElement[] Purges(Exchange exchange)
    {
        Assert.StartsWith("application/json", exchange.Header("Content-Type"), StringComparison.Ordinal);
        using var document = JsonDocument.Parse(exchange.Body);
        return [.. document.RootElement.GetProperty("purges").EnumerateArray().Select(element => element.Clone())];
    }
}
