// Every purge_cache body variant of docs/compat.md, "Cloudflare purge_cache" answers 200 with the success envelope and removes exactly
// what it names: whatever it should not touch is still a hit afterwards (and an unscripted origin request
// would fail the test).
using Lacquer.Harness;

namespace Lacquer.Purge.Api.Cloudflare;

public sealed class PurgeVariantTests
{
    private static readonly string[] Www = [$"Host: {PurgeTestSettings.WwwHost}"];
    private static readonly string[] Other = [$"Host: {PurgeTestSettings.OtherHost}"];
    private static readonly string[] Mobile = ["CF-Device-Type: mobile"];
    private static readonly string[] Desktop = ["CF-Device-Type: desktop"];
    private static readonly string[] English = ["Accept-Language: en"];
    private static readonly string[] French = ["Accept-Language: fr"];

    [Fact]
    public async Task Purge_Everything_Removes_Every_Entry_Of_The_Zone_And_Nothing_In_Another_Zone()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1");
        await c.Store("/b?x=1", "b1");
        await c.Store("/w", "w1", send: Www);
        await c.Store("/o", "o1", send: Other);

        (await c.Admin.CloudflarePurge("""{"purge_everything":true}""")).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/a", "a2");
        await c.ExpectRefetched("/b?x=1", "b2");
        await c.ExpectRefetched("/w", "w2", send: Www);
        await c.ExpectHit("/o", "o1", send: Other);
        await c.ExpectHit("/a", "a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Files_As_Strings_Remove_Exactly_Those_Urls()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1");
        await c.Store("/a?x=1", "ax1");
        await c.Store("/a/b", "ab1");
        await c.Store("/b", "b1");
        await c.Store("/a", "wa1", send: Www);

        (await c.Admin.CloudflarePurge("""{"files":["http://test.example/a","http://test.example/b"]}""")).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/a", "a2");
        await c.ExpectRefetched("/b", "b2");
        await c.ExpectHit("/a?x=1", "ax1");
        await c.ExpectHit("/a/b", "ab1");
        await c.ExpectHit("/a", "wa1", send: Www);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Files_Match_The_Host_Case_Insensitively_And_The_Path_And_Query_Exactly()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/Page?Q=1", "p1");
        await c.Store("/page?q=1", "lower1");

        (await c.Admin.CloudflarePurge("""{"files":["http://TEST.Example/Page?Q=1"]}""")).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/Page?Q=1", "p2");
        await c.ExpectHit("/page?q=1", "lower1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task File_Url_Removes_The_Target_As_Written_And_As_Sent_To_The_Origin()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        var raw = new RawHttpClient(c.Client.Listener, TestSettings.Host);
        c.Origin.OnGet("/a%7Eb").Reply(200, "x1", StoredEntries.CacheForAnHour).Times(2);
        c.Origin.OnGet("/a~b").Reply(200, "x1", StoredEntries.CacheForAnHour).Times(2);
        (await raw.Get("/a%7Eb")).ExpectStatus(200).ExpectMiss().ExpectStored();
        (await raw.Get("/a~b")).ExpectStatus(200).ExpectMiss().ExpectStored();
        await c.Store("/a~c", "c1");

        (await c.Admin.CloudflarePurge("""{"files":["http://test.example/a%7Eb#section"]}""")).ExpectCloudflareSuccess();

        (await raw.Get("/a%7Eb")).ExpectMiss().ExpectStored();
        (await raw.Get("/a~b")).ExpectMiss().ExpectStored();
        await c.ExpectHit("/a~c", "c1");
        Assert.Equal(2, Assert.Single(c.Server.Purges.Audit.Snapshot()).Matched);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task File_Url_With_Unencoded_Characters_Matches_What_Clients_Send()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/caf%C3%A9?q=a%20b", "cafe1");

        (await c.Admin.CloudflarePurge("""{"files":["http://test.example/café?q=a b"]}""")).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/caf%C3%A9?q=a%20b", "cafe2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Files_Remove_Every_Vary_Variant_Of_The_Url()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/v", "en1", send: English, reply: ["Vary: Accept-Language"]);
        await c.Store("/v", "fr1", send: French, reply: ["Vary: Accept-Language"], fwd: "vary-miss");
        await c.Store("/n", "n1");

        (await c.Admin.CloudflarePurge("""{"files":["http://test.example/v"]}""")).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/v", "en2", send: English, reply: ["Vary: Accept-Language"]);
        await c.ExpectRefetched("/v", "fr2", send: French, reply: ["Vary: Accept-Language"], fwd: "vary-miss");
        await c.ExpectHit("/n", "n1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task File_Object_With_Key_Headers_Removes_Only_The_Variant_With_Those_Values()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure(KeyOnDeviceType));
        await c.Store("/a", "mobile1", send: Mobile);
        await c.Store("/a", "desktop1", send: Desktop);
        await c.Store("/a", "none1");

        (await c.Admin.CloudflarePurge("""
            {"files":[{"url":"http://test.example/a","headers":{"CF-Device-Type":"mobile"}}]}
            """)).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/a", "mobile2", send: Mobile);
        await c.ExpectHit("/a", "desktop1", send: Desktop);
        await c.ExpectHit("/a", "none1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task File_Object_Without_Headers_Removes_Every_Variant()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure(KeyOnDeviceType));
        await c.Store("/a", "mobile1", send: Mobile);
        await c.Store("/a", "desktop1", send: Desktop);
        await c.Store("/b", "b1", send: Mobile);

        (await c.Admin.CloudflarePurge("""{"files":[{"url":"http://test.example/a"}]}""")).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/a", "mobile2", send: Mobile);
        await c.ExpectRefetched("/a", "desktop2", send: Desktop);
        await c.ExpectHit("/b", "b1", send: Mobile);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task File_String_Removes_Every_Key_Header_Variant()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure(KeyOnDeviceType));
        await c.Store("/a", "mobile1", send: Mobile);
        await c.Store("/a", "desktop1", send: Desktop);
        await c.Store("/b", "b1", send: Desktop);

        (await c.Admin.CloudflarePurge("""{"files":["http://test.example/a"]}""")).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/a", "mobile2", send: Mobile);
        await c.ExpectRefetched("/a", "desktop2", send: Desktop);
        await c.ExpectHit("/b", "b1", send: Desktop);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task File_Object_Headers_In_A_Zone_Without_Key_Headers_Remove_Every_Variant()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/v", "en1", send: English, reply: ["Vary: Accept-Language"]);
        await c.Store("/v", "fr1", send: French, reply: ["Vary: Accept-Language"], fwd: "vary-miss");

        (await c.Admin.CloudflarePurge("""
            {"files":[{"url":"http://test.example/v","headers":{"Accept-Language":"en"}}]}
            """)).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/v", "en2", send: English, reply: ["Vary: Accept-Language"]);
        await c.ExpectRefetched("/v", "fr2", send: French, reply: ["Vary: Accept-Language"], fwd: "vary-miss");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Files_May_Mix_Strings_And_Objects()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure(KeyOnDeviceType));
        await c.Store("/a", "a1", send: Mobile);
        await c.Store("/b", "b-mobile1", send: Mobile);
        await c.Store("/b", "b-desktop1", send: Desktop);
        await c.Store("/c", "c1", send: Mobile);

        (await c.Admin.CloudflarePurge("""
            {"files":["http://test.example/a",{"url":"http://test.example/b","headers":{"CF-Device-Type":"mobile"}}]}
            """)).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/a", "a2", send: Mobile);
        await c.ExpectRefetched("/b", "b-mobile2", send: Mobile);
        await c.ExpectHit("/b", "b-desktop1", send: Desktop);
        await c.ExpectHit("/c", "c1", send: Mobile);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Files_Distinguish_Http_From_Https()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1");

        (await c.Admin.CloudflarePurge("""{"files":["https://test.example/a"]}""")).ExpectCloudflareSuccess();
        await c.ExpectHit("/a", "a1");

        (await c.Admin.CloudflarePurge("""{"files":["http://test.example/a"]}""")).ExpectCloudflareSuccess();
        await c.ExpectRefetched("/a", "a2");
        Assert.Equal([1L, 0L], c.Server.Purges.Audit.Snapshot().Select(record => record.Matched));
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Tags_Match_Case_Insensitively_Across_All_Tag_Headers()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1", reply: ["Cache-Tag: Red, shared"]);
        await c.Store("/b", "b1", reply: ["Surrogate-Key: blue"]);
        await c.Store("/c", "c1", reply: ["xkey: GREEN"]);
        await c.Store("/d", "d1", reply: ["Cache-Tag: redder"]);
        await c.Store("/o", "o1", send: Other, reply: ["Cache-Tag: red"]);

        (await c.Admin.CloudflarePurge("""{"tags":["RED"]}""")).ExpectCloudflareSuccess();
        await c.ExpectRefetched("/a", "a2");
        await c.ExpectHit("/b", "b1");
        await c.ExpectHit("/c", "c1");

        (await c.Admin.CloudflarePurge("""{"tags":["Blue","green"]}""")).ExpectCloudflareSuccess();
        await c.ExpectRefetched("/b", "b2");
        await c.ExpectRefetched("/c", "c2");
        await c.ExpectHit("/d", "d1");
        await c.ExpectHit("/o", "o1", send: Other);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Tag_Of_1024_Characters_Is_Accepted_And_Purges()
    {
        var tag = new string('t', 1024);
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1", reply: [$"Cache-Tag: {tag}"]);
        await c.Store("/b", "b1", reply: ["Cache-Tag: t"]);

        (await c.Admin.CloudflarePurge($$"""{"tags":["{{tag}}"]}""")).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/a", "a2");
        await c.ExpectHit("/b", "b1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Hosts_Match_Exactly_And_Case_Insensitively()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1");
        await c.Store("/a", "wa1", send: Www);
        await c.Store("/b?x=1", "wb1", send: Www);

        (await c.Admin.CloudflarePurge("""{"hosts":["WWW.Test.Example"]}""")).ExpectCloudflareSuccess();
        await c.ExpectRefetched("/a", "wa2", send: Www);
        await c.ExpectRefetched("/b?x=1", "wb2", send: Www);
        await c.ExpectHit("/a", "a1");

        (await c.Admin.CloudflarePurge("""{"hosts":["example","test.exampl","est.example"]}""")).ExpectCloudflareSuccess();
        await c.ExpectHit("/a", "a1");
        await c.ExpectHit("/a", "wa2", send: Www);

        (await c.Admin.CloudflarePurge("""{"hosts":["test.example"]}""")).ExpectCloudflareSuccess();
        await c.ExpectRefetched("/a", "a2");
        await c.ExpectHit("/a", "wa2", send: Www);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Hosts_And_Prefixes_Naming_Another_Zone_Remove_Nothing_There()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/o", "o1", send: Other);

        (await c.Admin.CloudflarePurge("""{"hosts":["other.example"],"prefixes":["other.example/o"]}""")).ExpectCloudflareSuccess();

        await c.ExpectHit("/o", "o1", send: Other);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Prefixes_Match_On_Path_Segment_Boundaries_Whatever_The_Query()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/foo", "foo1");
        await c.Store("/foo/bar", "bar1");
        await c.Store("/foo?x=1", "fooq1");
        await c.Store("/foo/bar/baz?y=2", "baz1");
        await c.Store("/foobar", "foobar1");
        await c.Store("/fo", "fo1");
        await c.Store("/foo", "wfoo1", send: Www);

        (await c.Admin.CloudflarePurge("""{"prefixes":["test.example/foo"]}""")).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/foo", "foo2");
        await c.ExpectRefetched("/foo/bar", "bar2");
        await c.ExpectRefetched("/foo?x=1", "fooq2");
        await c.ExpectRefetched("/foo/bar/baz?y=2", "baz2");
        await c.ExpectHit("/foobar", "foobar1");
        await c.ExpectHit("/fo", "fo1");
        await c.ExpectHit("/foo", "wfoo1", send: Www);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Prefix_Host_Is_Case_Insensitive_And_The_Path_Is_Not()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/Docs/a", "upper1");
        await c.Store("/docs/a", "lower1");

        (await c.Admin.CloudflarePurge("""{"prefixes":["TEST.Example/Docs"]}""")).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/Docs/a", "upper2");
        await c.ExpectHit("/docs/a", "lower1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Tags_Hosts_And_Prefixes_Combine_As_A_Union()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/t", "t1", reply: ["Cache-Tag: red"]);
        await c.Store("/p/x", "px1");
        await c.Store("/w", "w1", send: Www);
        await c.Store("/keep", "keep1", reply: ["Cache-Tag: blue"]);
        await c.Store("/px", "px-neighbour1");

        (await c.Admin.CloudflarePurge("""
            {"tags":["red"],"hosts":["www.test.example"],"prefixes":["test.example/p"]}
            """)).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/t", "t2", reply: ["Cache-Tag: red"]);
        await c.ExpectRefetched("/p/x", "px2");
        await c.ExpectRefetched("/w", "w2", send: Www);
        await c.ExpectHit("/keep", "keep1");
        await c.ExpectHit("/px", "px-neighbour1");
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("""{"purge_everything":true}""")]
    [InlineData("""{"files":["http://test.example/nothing-here"]}""")]
    [InlineData("""{"files":[{"url":"http://www.test.example/a","headers":{"CF-Device-Type":"mobile"}}]}""")]
    [InlineData("""{"tags":["no-such-tag"]}""")]
    [InlineData("""{"hosts":["www.test.example"]}""")]
    [InlineData("""{"prefixes":["test.example/nothing-here"]}""")]
    [InlineData("""{"tags":[],"soft":true}""")]
    public async Task Purge_That_Matches_Nothing_Is_Still_Success(string json)
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "o1", send: Other);

        (await c.Admin.CloudflarePurge(json)).ExpectCloudflareSuccess();

        await c.ExpectHit("/a", "o1", send: Other);
        Assert.Equal(0, Assert.Single(c.Server.Purges.Audit.Snapshot()).Matched);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Body_May_Use_Any_Json_Formatting_And_Ignores_Unknown_Keys()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1", reply: ["Cache-Tag: red"]);
        await c.Store("/b", "b1");

        (await c.Admin.CloudflarePurge("\r\n{\r\n\t\"comment\" : {\"nested\": [1, 2]} ,\n  \"tags\" :\n [ \"red\" ]\t}\n")).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/a", "a2");
        await c.ExpectHit("/b", "b1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Every_Purge_Gets_Its_Own_Id()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());

        var first = (await c.Admin.CloudflarePurge("""{"tags":["a"]}""")).ExpectCloudflareSuccess().PurgeId();
        var second = (await c.Admin.CloudflarePurge("""{"tags":["a"]}""")).ExpectCloudflareSuccess().PurgeId();

        Assert.NotEqual(first, second);
        Assert.Equal([second, first], c.Server.Purges.Audit.Snapshot().Select(record => record.Id));
        c.Origin.ExpectAllConsumed();
    }

    private static Configuration.ZoneSettings KeyOnDeviceType(Configuration.ZoneSettings zone) =>
        zone with { CacheKeyHeaders = ["CF-Device-Type"] };
}
