// GET /api/zones on the admin listener: the zones a read token covers, with their ids (what the purge API
// takes) and host names. Without a known Bearer token it is 401, with a token lacking the read permission
// 403, for any method but GET and HEAD 405; no answer repeats what the caller presented.
using System.Text.Json;
using Lacquer.Configuration;
using Lacquer.Harness;

namespace Lacquer.Diagnostics;

public sealed class ZoneListReportTests
{
    private const string ReaderSecret = "s3cr3t-reader-value";
    private const string OtherReaderSecret = "s3cr3t-other-reader-value";

    [Theory]
    [InlineData(null)]
    [InlineData("Authorization: Bearer not-a-token")]
    [InlineData("Authorization: Bearer ")]
    [InlineData("Authorization: Basic " + ReaderSecret)]
    [InlineData("Authorization: " + ReaderSecret)]
    [InlineData("Authorization: Bearer" + ReaderSecret)]
    public async Task Without_A_Known_Bearer_Token_Is_401(string? authorization)
    {
        await using var c = await Conversation.StartAsync(Configure());

        var exchange = await c.Admin.Send("GET", "/api/zones", null, authorization is null ? [] : [authorization]);

        exchange.ExpectStatus(401).ExpectJson("""{"error":"A token with the read permission is required (Authorization: Bearer)."}""");
        Assert.DoesNotContain("s3cr3t", exchange.Text, StringComparison.Ordinal);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Purge_Only_Token_Is_403()
    {
        await using var c = await Conversation.StartAsync(Configure());

        var exchange = await c.Admin.Send("GET", "/api/zones", null, $"Authorization: Bearer {PurgeTestSettings.Secret}");

        exchange.ExpectStatus(403).ExpectJson("""{"error":"This token lacks the read permission."}""");
        Assert.DoesNotContain(PurgeTestSettings.Secret, exchange.Text, StringComparison.Ordinal);
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Other_Methods_Are_405_Whatever_The_Token(string method)
    {
        await using var c = await Conversation.StartAsync(Configure());

        var exchange = await c.Admin.Send(method, "/api/zones", null, $"Authorization: Bearer {ReaderSecret}");

        exchange.ExpectStatus(405).ExpectHeader("Allow", "GET, HEAD")
            .ExpectJson($$"""{"error":"Method {{method}} is not allowed here; use GET or HEAD."}""");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Lists_Every_Zone_With_Id_And_Hosts_For_An_All_Zones_Reader()
    {
        await using var c = await Conversation.StartAsync(Configure());

        var exchange = await c.Admin.Send("GET", "/api/zones", null, $"Authorization: Bearer {ReaderSecret}");

        exchange.ExpectStatus(200).ExpectJson(
            $$"""{"zones":[{"id":"{{TestSettings.ZoneId}}","name":"test","hosts":["{{TestSettings.Host}}","{{PurgeTestSettings.WwwHost}}"]},""" +
            $$"""{"id":"{{PurgeTestSettings.OtherZoneId}}","name":"{{PurgeTestSettings.OtherZone}}","hosts":["{{PurgeTestSettings.OtherHost}}"]}]}""");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Zone_Scoped_Reader_Sees_Only_Its_Zones()
    {
        await using var c = await Conversation.StartAsync(Configure());

        var exchange = (await c.Admin.Send("GET", "/api/zones", null, $"Authorization: Bearer {OtherReaderSecret}")).ExpectStatus(200);

        using var json = JsonDocument.Parse(exchange.Body);
        var names = json.RootElement.GetProperty("zones").EnumerateArray().Select(zone => zone.GetProperty("name").GetString());
        Assert.Equal([PurgeTestSettings.OtherZone], names);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Head_Has_The_Headers_Without_The_Body()
    {
        await using var c = await Conversation.StartAsync(Configure());

        var get = (await c.Admin.Send("GET", "/api/zones", null, $"Authorization: Bearer {ReaderSecret}")).ExpectStatus(200);
        var head = (await c.Admin.Send("HEAD", "/api/zones", null, $"Authorization: Bearer {ReaderSecret}")).ExpectStatus(200);

        Assert.Empty(head.Body);
        Assert.Equal(get.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), head.Header("Content-Length"));
        c.Origin.ExpectAllConsumed();
    }

    private static Func<LacquerSettings, LacquerSettings> Configure() => PurgeTestSettings.Configure(tokens:
    [
        PurgeTestSettings.Token("reader", ReaderSecret, [TokenSettings.AllZones], TokenSettings.ReadPermission),
        PurgeTestSettings.Token("other-reader", OtherReaderSecret, [PurgeTestSettings.OtherZone], TokenSettings.ReadPermission),
    ]);
}
