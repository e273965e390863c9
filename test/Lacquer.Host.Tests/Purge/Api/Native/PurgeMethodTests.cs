// The PURGE method on the proxy listener (docs/compat.md, "The PURGE method"): PURGE <url> removes that URL's variants,
// Surrogate-Key / xkey name tags instead, Fastly-Soft-Purge: 1 makes it soft. Allowed from loopback (the test
// client is loopback) or with a token; a token that is presented is checked even from loopback.
using Lacquer.Configuration;
using Lacquer.Harness;

namespace Lacquer.Purge.Api.Native;

public sealed class PurgeMethodTests
{
    private const string Ok = """\{"status":"ok","id":"[0-9a-f]{32}","purged":""";
    private const string ReaderSecret = "s3cr3t-reader-value";
    private const string OtherOnlySecret = "s3cr3t-other-only-value";
    private const string Forbidden = """{"status":"error","message":"PURGE is allowed from loopback or with a token that may purge this zone."}""";
    private static readonly string[] English = ["Accept-Language: en"];
    private static readonly string[] French = ["Accept-Language: fr"];
    private static readonly string[] Www = [$"Host: {PurgeTestSettings.WwwHost}"];

    [Fact]
    public async Task Purge_From_Loopback_Removes_Every_Variant_Of_The_Url()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/v", "en1", send: English, reply: ["Vary: Accept-Language"]);
        await c.Store("/v", "fr1", send: French, reply: ["Vary: Accept-Language"], fwd: "vary-miss");
        await c.Store("/v?x=1", "q1");
        await c.Store("/v", "www1", send: Www);
        await c.Store("/w", "w1");

        (await c.Client.Send("PURGE", "/v", null)).ExpectStatus(200).ExpectJsonMatching(Ok + "2}");

        await c.ExpectRefetched("/v", "en2", send: English, reply: ["Vary: Accept-Language"]);
        await c.ExpectRefetched("/v", "fr2", send: French, reply: ["Vary: Accept-Language"], fwd: "vary-miss");
        await c.ExpectHit("/v?x=1", "q1");
        await c.ExpectHit("/v", "www1", send: Www);
        await c.ExpectHit("/w", "w1");
        var record = Assert.Single(c.Server.Purges.Audit.Snapshot());
        Assert.Equal(("loopback", "purge-method", false, 2L), (record.Who, record.Surface, record.Soft, record.Matched));
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Purge_Of_A_Url_With_Query_On_Another_Host_Of_The_Zone()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/v?x=1", "wq1", send: Www);
        await c.Store("/v", "wv1", send: Www);
        await c.Store("/v?x=1", "q1");

        (await c.Client.Send("PURGE", "/v?x=1", null, Www)).ExpectStatus(200).ExpectJsonMatching(Ok + "1}");

        await c.ExpectRefetched("/v?x=1", "wq2", send: Www);
        await c.ExpectHit("/v", "wv1", send: Www);
        await c.ExpectHit("/v?x=1", "q1");
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("/a%7Eb", "/a~b")]
    [InlineData("/%e2%82%ac?q=%7e", "/%E2%82%AC?q=~")]
    [InlineData("/a/../b", "/b")]
    public async Task Purge_Removes_What_Get_Stored_For_The_Target_As_Sent_And_Its_Origin_Form(string sent, string originForm)
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        var raw = new RawHttpClient(c.Client.Listener, TestSettings.Host);
        c.Origin.OnGet(sent).Reply(200, "x1", StoredEntries.CacheForAnHour).Times(2);
        c.Origin.OnGet(originForm).Reply(200, "x1", StoredEntries.CacheForAnHour).Times(2);
        (await raw.Get(sent)).ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody("x1");
        (await raw.Get(originForm)).ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody("x1");
        (await raw.Get(sent)).ExpectHit();

        (await raw.Send("PURGE", sent)).ExpectStatus(200).ExpectJsonMatching(Ok + "2}");

        (await raw.Get(sent)).ExpectMiss().ExpectStored();
        (await raw.Get(originForm)).ExpectMiss().ExpectStored();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Purge_Of_A_Url_That_Is_Not_Cached_Purges_Nothing()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1");

        (await c.Client.Send("PURGE", "/nothing", null)).ExpectStatus(200).ExpectJsonMatching(Ok + "0}");

        await c.ExpectHit("/a", "a1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Surrogate_Key_Purges_Those_Tags_Instead_Of_The_Url()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1", reply: ["Surrogate-Key: a"]);
        await c.Store("/b", "b1", reply: ["Cache-Tag: B"]);
        await c.Store("/c", "c1", reply: ["xkey: c"]);

        (await c.Client.Send("PURGE", "/c", null, "Surrogate-Key: a b")).ExpectStatus(200).ExpectJsonMatching(Ok + "2}");

        await c.ExpectRefetched("/a", "a2");
        await c.ExpectRefetched("/b", "b2");
        await c.ExpectHit("/c", "c1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Xkey_Purges_Those_Tags()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1", reply: ["xkey: article-1 list"]);
        await c.Store("/b", "b1", reply: ["Cache-Tag: article-2"]);

        (await c.Client.Send("PURGE", "/", null, "xkey: ARTICLE-1")).ExpectStatus(200).ExpectJsonMatching(Ok + "1}");

        await c.ExpectRefetched("/a", "a2");
        await c.ExpectHit("/b", "b1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Fastly_Soft_Purge_Marks_The_Url_Stale()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1");
        await c.Store("/b", "b1");

        (await c.Client.Send("PURGE", "/a", null, "Fastly-Soft-Purge: 1")).ExpectStatus(200).ExpectJsonMatching(Ok + "1}");

        await c.ExpectRefetched("/a", "a2", fwd: "stale");
        await c.ExpectHit("/a", "a2");
        await c.ExpectHit("/b", "b1");
        Assert.True(Assert.Single(c.Server.Purges.Audit.Snapshot()).Soft);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Fastly_Soft_Purge_With_Surrogate_Key_Marks_The_Tagged_Entries_Stale()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1", reply: ["Surrogate-Key: red"]);
        await c.Store("/b", "b1", reply: ["Surrogate-Key: blue"]);

        (await c.Client.Send("PURGE", "/", null, "Surrogate-Key: red", "Fastly-Soft-Purge: 1")).ExpectStatus(200).ExpectJsonMatching(Ok + "1}");

        await c.ExpectRefetched("/a", "a2", fwd: "stale");
        await c.ExpectHit("/b", "b1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Valid_Token_Is_Accepted_And_Named_In_The_Audit()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1");

        (await c.Client.Send("PURGE", "/a", null, $"Authorization: Bearer {PurgeTestSettings.Secret}")).ExpectStatus(200).ExpectJsonMatching(Ok + "1}");

        await c.ExpectRefetched("/a", "a2");
        Assert.Equal(PurgeTestSettings.TokenName, Assert.Single(c.Server.Purges.Audit.Snapshot()).Who);
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("Authorization: Bearer not-the-secret")]
    [InlineData("Authorization: Bearer " + ReaderSecret)]
    [InlineData("Authorization: Bearer " + OtherOnlySecret)]
    public async Task Presented_Token_Is_Checked_Even_From_Loopback(string authorization)
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure(tokens:
        [
            PurgeTestSettings.Token("reader", ReaderSecret, [TokenSettings.AllZones], TokenSettings.ReadPermission),
            PurgeTestSettings.Token("other-only", OtherOnlySecret, [PurgeTestSettings.OtherZone], TokenSettings.PurgePermission),
        ]));
        await c.Store("/a", "a1");

        var exchange = await c.Client.Send("PURGE", "/a", null, authorization);

        exchange.ExpectStatus(403).ExpectJson(Forbidden);
        Assert.DoesNotContain("s3cr3t", exchange.Text, StringComparison.Ordinal);
        await c.ExpectHit("/a", "a1");
        Assert.Empty(c.Server.Purges.Audit.Snapshot());
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("test.example:65536")]
    [InlineData("[::1]:70000")]
    public async Task Host_With_A_Port_Out_Of_Range_Is_400(string hostField)
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1");

        using (var client = await RawClient.ConnectAsync(c.Client.Listener))
        {
            await client.SendAsync($"PURGE /a HTTP/1.1\r\nHost: {hostField}\r\n\r\n");
            var response = await client.ReadResponseAsync();
            Assert.Equal((400, "application/json"), (response.Status, response.Header("Content-Type")));
            Assert.Equal("""{"status":"error","message":"The Host field is not a host with an optional port of 0-65535."}""", response.Text);
        }

        await c.ExpectHit("/a", "a1");
        Assert.Empty(c.Server.Purges.Audit.Snapshot());
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Unknown_Host_Is_404()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1");

        (await c.Client.Send("PURGE", "/a", null, "Host: unknown.example"))
            .ExpectStatus(404).ExpectJson("""{"status":"error","message":"No zone is configured for this host."}""");

        await c.ExpectHit("/a", "a1");
        Assert.Empty(c.Server.Purges.Audit.Snapshot());
        c.Origin.ExpectAllConsumed();
    }
}
