// The URL a client sees is the URL a purge names. Keys, purge selectors and the purge log all use one form of
// the host (ASCII, lower-case, punycode for an internationalised name) and the scheme the client saw: the
// zone's fixed scheme, or what a trusted proxy states in X-Forwarded-Proto / Forwarded proto=. A client that
// is no trusted proxy cannot change the scheme, and a URL purge that can match nothing says so in the log.
using System.Net;
using System.Text.Json;
using Lacquer.Configuration;
using Lacquer.Harness;
using Lacquer.Zones;

namespace Lacquer.Purge;

public sealed class PurgeHostAndSchemeTests
{
    private const string BookHost = "xn--bcher-kva.example";
    private const string AuditorSecret = "s3cr3t-auditor-value";
    private static readonly string[] Books = [$"Host: {BookHost}"];
    private static readonly string[] ViaTls = ["X-Forwarded-Proto: https"];

    [Fact]
    public async Task Url_Host_And_Prefix_Purges_Name_An_Internationalised_Host_In_Unicode_Or_Punycode()
    {
        await using var c = await Conversation.StartAsync(Configure(zone => zone with { Hosts = [BookHost] }));
        await c.Store("/a", "a1", send: Books);
        await c.Store("/b/c", "c1", send: Books);
        await c.Store("/d", "d1", send: Books);
        await c.Store("/e", "e1", send: Books);

        (await c.Admin.CloudflarePurge("""{"files":["http://bücher.example/a"]}""")).ExpectCloudflareSuccess();
        (await c.Admin.CloudflarePurge("""{"prefixes":["BÜCHER.example/b"]}""")).ExpectCloudflareSuccess();
        await c.ExpectRefetched("/a", "a2", send: Books);
        await c.ExpectRefetched("/b/c", "c2", send: Books);
        await c.ExpectHit("/d", "d1", send: Books);

        (await c.Client.Send("PURGE", "/d", null, "Host: XN--BCHER-KVA.example")).ExpectStatus(200);
        await c.ExpectRefetched("/d", "d2", send: Books);
        await c.ExpectHit("/e", "e1", send: Books);

        (await c.Admin.CloudflarePurge("""{"hosts":["bücher.example"]}""")).ExpectCloudflareSuccess();
        await c.ExpectRefetched("/e", "e2", send: Books);
        Assert.Equal([1L, 1L, 1L, 4L], c.Server.Purges.Audit.Snapshot().Reverse().Select(record => record.Matched));
        Assert.All(c.Server.Purges.Audit.Snapshot(), record => Assert.Empty(record.Notes));
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("X-Forwarded-Proto: https")]
    [InlineData("X-Forwarded-Proto: http, HTTPS")]
    [InlineData("Forwarded: for=192.0.2.60;proto=https")]
    [InlineData("Forwarded: for=192.0.2.1;proto=http, for=192.0.2.60;proto=\"https\";by=203.0.113.43")]
    public async Task Https_Url_Purge_Removes_What_Was_Fetched_Through_A_Trusted_Tls_Terminator(string statement)
    {
        await using var c = await Conversation.StartAsync(Configure(trusted: ["127.0.0.1/32"]));
        string[] viaTls = [statement];
        await c.Store("/a", "a1", send: viaTls);
        await c.Store("/a", "plain1");

        (await c.Admin.CloudflarePurge("""{"files":["https://test.example/a"]}""")).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/a", "a2", send: viaTls);
        await c.ExpectHit("/a", "plain1");
        Assert.Equal(["https", "http", "https"], c.Origin.Received.Select(request => request.Headers["X-Forwarded-Proto"]));
        var record = c.Server.Purges.Audit.Snapshot()[0];
        Assert.Equal((1L, 0), (record.Matched, record.Notes.Count));
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Clients_Own_X_Forwarded_Proto_Or_Forwarded_Neither_Changes_The_Key_Nor_Reaches_The_Origin()
    {
        await using var c = await Conversation.StartAsync(Configure());
        await c.Store("/a", "a1", send: ViaTls);

        await c.ExpectHit("/a", "a1");
        await c.ExpectHit("/a", "a1", send: ["Forwarded: proto=https"]);
        var received = Assert.Single(c.Origin.Received);
        Assert.Equal("http", received.Headers["X-Forwarded-Proto"]);
        Assert.Equal("for=127.0.0.1;host=test.example;proto=http", received.Headers["Forwarded"]);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Purge_Of_An_Https_Url_In_A_Zone_That_Keys_Only_Http_Succeeds_And_Says_Why_It_Matched_Nothing()
    {
        await using var c = await Conversation.StartAsync(Configure());
        await c.Store("/a", "a1");

        (await c.Admin.CloudflarePurge("""{"files":["https://test.example/a"]}""")).ExpectCloudflareSuccess();

        await c.ExpectHit("/a", "a1");
        var purge = Assert.Single(await PurgeLog(c));
        Assert.Equal(0L, purge.GetProperty("matched").GetInt64());
        Assert.Equal(
            ["url:https://test.example/a matches nothing: zone 'test' keys only http URLs (https keys need an https listener, trustedProxies that state it, or the zone's scheme setting)"],
            purge.GetProperty("notes").EnumerateArray().Select(note => note.GetString()));
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Zone_With_Scheme_Https_Keys_Every_Request_As_Https_And_Tells_The_Origin_So()
    {
        await using var c = await Conversation.StartAsync(Configure(zone => zone with { Scheme = "https" }));
        await c.Store("/a", "a1");

        (await c.Admin.CloudflarePurge("""{"files":["http://test.example/a"]}""")).ExpectCloudflareSuccess();
        await c.ExpectHit("/a", "a1");
        (await c.Admin.CloudflarePurge("""{"files":["https://test.example/a"]}""")).ExpectCloudflareSuccess();
        await c.ExpectRefetched("/a", "a2");

        Assert.All(c.Origin.Received, request => Assert.Equal("https", request.Headers["X-Forwarded-Proto"]));
        var log = await PurgeLog(c);
        Assert.Equal([1L, 0L], log.Select(purge => purge.GetProperty("matched").GetInt64()));
        Assert.Contains("zone 'test' keys only https URLs", log[1].GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Host_Purge_For_A_Host_Outside_The_Zone_Says_Why_It_Matched_Nothing()
    {
        await using var c = await Conversation.StartAsync(Configure());

        (await c.Admin.CloudflarePurge("""{"hosts":["elsewhere.example"]}""")).ExpectCloudflareSuccess();

        var purge = Assert.Single(await PurgeLog(c));
        Assert.Equal(
            ["host:elsewhere.example matches nothing: elsewhere.example is not a host of zone 'test'"],
            purge.GetProperty("notes").EnumerateArray().Select(note => note.GetString()));
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Purge_Method_Through_A_Trusted_Proxy_Purges_The_Url_The_Client_Saw_And_Needs_A_Token()
    {
        await using var c = await Conversation.StartAsync(Configure(trusted: ["127.0.0.1/32"]));
        await c.Store("/a", "a1", send: ViaTls);

        (await c.Client.Send("PURGE", "/a", null, ViaTls)).ExpectStatus(403);
        await c.ExpectHit("/a", "a1", send: ViaTls);
        (await c.Client.Send("PURGE", "/a", null, [.. ViaTls, $"Authorization: Bearer {PurgeTestSettings.Secret}"]))
            .ExpectStatus(200).ExpectJsonMatching("""\{"status":"ok","id":"[0-9a-f]{32}","purged":1\}""");

        await c.ExpectRefetched("/a", "a2", send: ViaTls);
        c.Origin.ExpectAllConsumed();
    }

    private static Func<LacquerSettings, LacquerSettings> Configure(Func<ZoneSettings, ZoneSettings>? zone = null, string[]? trusted = null) => settings =>
        PurgeTestSettings.Configure(
            testZone: zone,
            tokens: [PurgeTestSettings.Token("auditor", AuditorSecret, [TokenSettings.AllZones], TokenSettings.ReadPermission)])(settings)
        with
        {
            TrustedProxies = [.. (trusted ?? []).Select(IPNetwork.Parse)],
        };

    private static async Task<JsonElement[]> PurgeLog(Conversation c)
    {
        var exchange = (await c.Admin.Send("GET", "/api/purges", null, $"Authorization: Bearer {AuditorSecret}")).ExpectStatus(200);
        using var document = JsonDocument.Parse(exchange.Body);
        return [.. document.RootElement.GetProperty("purges").EnumerateArray().Select(element => element.Clone())];
    }
}
