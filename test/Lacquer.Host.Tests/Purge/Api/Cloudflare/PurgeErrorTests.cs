// Every row of the Cloudflare API's error table (docs/compat.md, "Cloudflare purge_cache"): the HTTP status and the exact error envelope. Each request is
// built so that it would purge the cached /a if any part of it were applied, and afterwards /a is still a
// hit and the audit log is empty: bad input changes nothing (invariant 5). No error answer contains a secret.
using Lacquer.Configuration;
using Lacquer.Harness;

namespace Lacquer.Purge.Api.Cloudflare;

public sealed class PurgeErrorTests
{
    private const string OtherOnlySecret = "s3cr3t-other-only-value";
    private const string ReaderSecret = "s3cr3t-reader-value";
    private const string Everything = """{"purge_everything":true}""";
    private const string InvalidAuthorization =
        """{"success":false,"errors":[{"code":6003,"message":"Invalid request headers","error_chain":[{"code":6111,"message":"Invalid format for Authorization header"}]}],"messages":[],"result":null}""";

    private static readonly string[] Secrets = [PurgeTestSettings.Secret, OtherOnlySecret, ReaderSecret];
    private static readonly string Path = CloudflareApi.PurgePath(TestSettings.ZoneId);

    [Fact]
    public Task No_Credentials_Is_9106() =>
        ExpectRejected(c => c.Admin.CloudflareSend("POST", Path, Everything), 400,
            CloudflareApi.ErrorBody(9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers"));

    [Theory]
    [InlineData("X-Auth-Email: ops@test.example")]
    [InlineData("X-Auth-Key: " + PurgeTestSettings.Secret)]
    [InlineData("X-Auth-Email: ops@test.example", "X-Auth-Key: ")]
    public Task Only_One_Of_X_Auth_Email_And_X_Auth_Key_Is_9106(params string[] headers) =>
        ExpectRejected(c => c.Admin.CloudflareSend("POST", Path, Everything, headers), 400,
            CloudflareApi.ErrorBody(9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers"));

    [Theory]
    [InlineData("Authorization: Basic x")]
    [InlineData("Authorization: Bearer")]
    [InlineData("Authorization: Bearer " + PurgeTestSettings.Secret + " extra")]
    [InlineData("Authorization: " + PurgeTestSettings.Secret)]
    [InlineData("Authorization: Token " + PurgeTestSettings.Secret)]
    public Task Malformed_Authorization_Is_6003_With_Error_Chain_6111(string header) =>
        ExpectRejected(c => c.Admin.CloudflareSend("POST", Path, Everything, header), 400, InvalidAuthorization);

    [Theory]
    [InlineData("Authorization: Bearer not-the-secret")]
    [InlineData("Authorization: Bearer S3CR3T-DEPLOY-BOT-VALUE")]
    [InlineData("X-Auth-Email: ops@test.example", "X-Auth-Key: not-the-secret")]
    [InlineData("Authorization: Bearer " + OtherOnlySecret)]
    [InlineData("X-Auth-Email: ops@test.example", "X-Auth-Key: " + OtherOnlySecret)]
    [InlineData("Authorization: Bearer " + ReaderSecret)]
    public Task Wrong_Token_Or_Token_Without_This_Zone_Or_Purge_Permission_Is_10000(params string[] headers) =>
        ExpectRejected(c => c.Admin.CloudflareSend("POST", Path, Everything, headers), 403,
            CloudflareApi.ErrorBody(10000, "Authentication error"));

    [Theory]
    [InlineData("not-a-zone-id")]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("00000000000000000000000000000000")]
    public Task Zone_Id_Not_32_Hex_Or_Unknown_Is_7003(string zoneId) =>
        ExpectRejected(c => c.Admin.CloudflarePurge(Everything, zoneId: zoneId), 404,
            CloudflareApi.ErrorBody(7003, $"Could not route to /client/v4/zones/{zoneId}/purge_cache, perhaps your object identifier is invalid?"));

    [Fact]
    public Task Unknown_Zone_On_The_Short_Path_Is_7003_With_Cloudflares_Path_In_The_Message() =>
        ExpectRejected(c => c.Admin.CloudflareSend("DELETE", "/zones/00000000000000000000000000000000/purge_cache", Everything, $"Authorization: Bearer {PurgeTestSettings.Secret}"), 404,
            CloudflareApi.ErrorBody(7003, "Could not route to /client/v4/zones/00000000000000000000000000000000/purge_cache, perhaps your object identifier is invalid?"));

    [Theory]
    [InlineData("hello")]
    [InlineData("")]
    [InlineData("""{"tags":["red"]""")]
    [InlineData("""{"tags":["red"],""")]
    [InlineData("""[{"tags":["red"]}]""")]
    [InlineData("""[]""")]
    [InlineData("""null""")]
    [InlineData("\"tags\"")]
    [InlineData("""{"tags":["red"]} {"tags":["red"]}""")]
    public Task Body_That_Is_Not_A_Json_Object_Is_6007(string json) =>
        ExpectRejected(c => c.Admin.CloudflarePurge(json), 400, CloudflareApi.ErrorBody(6007, "Malformed JSON in request body"));

    [Theory]
    [InlineData("""{"tags":["\ud800"]}""")]
    [InlineData("""{"tags":["red","x\udfff"]}""")]
    [InlineData("""{"hosts":["\ud800.test.example"]}""")]
    [InlineData("""{"prefixes":["test.example/\udbff"]}""")]
    [InlineData("""{"files":["http://test.example/\udc00\ud800"]}""")]
    [InlineData("""{"files":[{"url":"http://test.example/a","headers":{"\ud800":"x"}}]}""")]
    [InlineData("""{"tags":["red"],"\ud800":1}""")]
    [InlineData("""{"tags":["red"],"tags":["blue"]}""")]
    [InlineData("""{"files":[{"url":"http://test.example/a","url":"http://test.example/b"}]}""")]
    public Task Text_That_Is_Not_Unicode_Or_A_Repeated_Member_Name_Is_6007(string json) =>
        ExpectRejected(c => c.Admin.CloudflarePurge(json), 400, CloudflareApi.ErrorBody(6007, "Malformed JSON in request body"));

    [Fact]
    public Task No_Body_At_All_Is_6007() =>
        ExpectRejected(c => c.Admin.CloudflareSend("POST", Path, null, $"Authorization: Bearer {PurgeTestSettings.Secret}"), 400,
            CloudflareApi.ErrorBody(6007, "Malformed JSON in request body"));

    [Fact]
    public Task Body_Over_1_MiB_Is_413_With_6007() =>
        ExpectRejected(c => c.Admin.CloudflarePurge($$"""{"tags":["red"],"padding":"{{new string('p', 1024 * 1024)}}"}"""), 413,
            CloudflareApi.ErrorBody(6007, "Request body is larger than 1048576 bytes"));

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"unknown":["red"],"tag":["red"]}""")]
    [InlineData("""{"soft":true}""")]
    public Task None_Of_The_Purge_Keys_Is_1012(string json) =>
        ExpectRejected(c => c.Admin.CloudflarePurge(json), 400,
            CloudflareApi.ErrorBody(1012, """
                Request must contain one of \"purge_everything\", \"files\", \"tags\", \"hosts\" or \"prefixes\"
                """));

    [Theory]
    [InlineData("""{"purge_everything":false}""")]
    [InlineData("""{"purge_everything":"true"}""")]
    [InlineData("""{"purge_everything":1}""")]
    [InlineData("""{"purge_everything":null}""")]
    public Task Purge_Everything_Not_True_Is_1013(string json) =>
        ExpectRejected(c => c.Admin.CloudflarePurge(json), 400, CloudflareApi.ErrorBody(1013, "'purge_everything' must be true"));

    [Theory]
    [InlineData("""{"tags":"red"}""", "tags")]
    [InlineData("""{"tags":["red",1]}""", "tags")]
    [InlineData("""{"tags":["red",""]}""", "tags")]
    [InlineData("""{"hosts":["test.example",null]}""", "hosts")]
    [InlineData("""{"prefixes":{"0":"test.example/a"}}""", "prefixes")]
    [InlineData("""{"files":"http://test.example/a"}""", "files")]
    [InlineData("""{"files":["http://test.example/a",42]}""", "files")]
    [InlineData("""{"files":["http://test.example/a",{"headers":{}}]}""", "files")]
    [InlineData("""{"tags":["red"],"hosts":"test.example"}""", "hosts")]
    public Task Key_That_Is_Not_An_Array_Of_Strings_Is_1014_Naming_The_Key(string json, string key) =>
        ExpectRejected(c => c.Admin.CloudflarePurge(json), 400, CloudflareApi.ErrorBody(1014, $"'{key}' must be an array of strings"));

    [Fact]
    public Task Soft_That_Is_Not_A_Boolean_Is_1014() =>
        ExpectRejected(c => c.Admin.CloudflarePurge("""{"tags":["red"],"soft":"yes"}"""), 400, CloudflareApi.ErrorBody(1014, "'soft' must be a boolean"));

    [Theory]
    [InlineData("""{"files":["http://test.example/a"],"tags":["red"]}""")]
    [InlineData("""{"purge_everything":true,"hosts":["test.example"]}""")]
    [InlineData("""{"purge_everything":true,"files":["http://test.example/a"]}""")]
    [InlineData("""{"prefixes":["test.example/a"],"files":["http://test.example/a"]}""")]
    public Task Purge_Everything_Or_Files_With_Other_Keys_Is_1092(string json) =>
        ExpectRejected(c => c.Admin.CloudflarePurge(json), 400,
            CloudflareApi.ErrorBody(1092, "Request cannot contain 'purge_everything' or 'files' together with other purge keys"));

    [Theory]
    [InlineData("tags", "red")]
    [InlineData("files", "http://test.example/a")]
    [InlineData("hosts", "test.example")]
    [InlineData("prefixes", "test.example/a")]
    public Task More_Than_100_Items_Is_1094(string key, string item) =>
        ExpectRejected(c => c.Admin.CloudflarePurge(Items(key, item, 101)), 400,
            CloudflareApi.ErrorBody(1094, "Exceeded maximum amount of 100 items that can be purged on a single request"));

    [Fact]
    public Task More_Than_A_Configured_Lower_Limit_Is_1094_Naming_That_Limit() =>
        ExpectRejected(c => c.Admin.CloudflarePurge(Items("files", "http://test.example/a", 4)), 400,
            CloudflareApi.ErrorBody(1094, "Exceeded maximum amount of 3 items that can be purged on a single request"),
            PurgeSettings.Default with { MaxItemsPerRequest = 3 });

    [Theory]
    [InlineData("/a")]
    [InlineData("a")]
    [InlineData("test.example/a")]
    [InlineData("ftp://test.example/a")]
    [InlineData("file:///a")]
    [InlineData("http://")]
    public Task File_Url_Not_Absolute_Http_Is_1015(string url) =>
        ExpectRejected(c => c.Admin.CloudflarePurge($$"""{"files":["http://test.example/a","{{url}}"]}"""), 400,
            CloudflareApi.ErrorBody(1015, $"Unable to purge {url}, which is an invalid URL."));

    [Theory]
    [InlineData("http://elsewhere.example/a", "elsewhere.example")]
    [InlineData("https://other.example/a", "other.example")]
    [InlineData("http://example/a", "example")]
    public Task File_Url_Outside_The_Zone_Is_1082(string url, string host) =>
        ExpectRejected(c => c.Admin.CloudflarePurge($$"""{"files":[{"url":"http://test.example/a"},"{{url}}"]}"""), 400,
            CloudflareApi.ErrorBody(1082, $"Unable to purge {host}. You can only purge files for this zone."));

    [Fact]
    public Task Tag_Of_1025_Characters_Is_1100() =>
        ExpectRejected(c => c.Admin.CloudflarePurge($$"""{"tags":["red","{{new string('t', 1025)}}"]}"""), 400,
            CloudflareApi.ErrorBody(1100, "Tag exceeds maximum length of 1024 characters"));

    [Theory]
    [InlineData("http://test.example/a", "a prefix must not contain a scheme")]
    [InlineData("https://test.example/a", "a prefix must not contain a scheme")]
    [InlineData("test.example/a?x=1", "a prefix must not contain a query string")]
    [InlineData("test.example/a#top", "a prefix must not contain a fragment")]
    public Task Prefix_With_Scheme_Query_Or_Fragment_Is_1016(string prefix, string rule) =>
        ExpectRejected(c => c.Admin.CloudflarePurge($$"""{"prefixes":["test.example/a","{{prefix}}"]}"""), 400,
            CloudflareApi.ErrorBody(1016, $"Unable to purge prefix {prefix}: {rule}"));

    [Theory]
    [InlineData("test.example/a")]
    [InlineData("test example")]
    [InlineData("http://test.example")]
    public Task Host_That_Is_Not_A_Host_Name_Is_1014_Naming_It(string host) =>
        ExpectRejected(c => c.Admin.CloudflarePurge($$"""{"hosts":["test.example","{{host}}"]}"""), 400,
            CloudflareApi.ErrorBody(1014, $"'hosts' must be an array of host names; '{host}' is not one"));

    [Theory]
    [InlineData("/a/b")]
    [InlineData("test example/a")]
    public Task Prefix_Not_Starting_With_A_Host_Name_Is_1016(string prefix) =>
        ExpectRejected(c => c.Admin.CloudflarePurge($$"""{"prefixes":["test.example/a","{{prefix}}"]}"""), 400,
            CloudflareApi.ErrorBody(1016, $"Unable to purge prefix {prefix}: a prefix must start with a host name"));

    [Fact]
    public Task Prefix_With_32_Slashes_Is_1016()
    {
        var prefix = "test.example" + string.Concat(Enumerable.Repeat("/a", 32));
        return ExpectRejected(c => c.Admin.CloudflarePurge($$"""{"prefixes":["test.example/a","{{prefix}}"]}"""), 400,
            CloudflareApi.ErrorBody(1016, $"Unable to purge prefix {prefix}: a prefix may have at most 31 '/' characters"));
    }

    [Fact]
    public async Task Limits_Are_Inclusive_100_Items_And_31_Slashes()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        var deep = string.Concat(Enumerable.Repeat("/d", 31));
        await c.Store(deep, "deep1");
        await c.Store("/a", "a1");

        (await c.Admin.CloudflarePurge(Items("tags", "t", 100))).ExpectCloudflareSuccess();
        (await c.Admin.CloudflarePurge($$"""{"prefixes":["test.example{{deep}}"]}""")).ExpectCloudflareSuccess();

        await c.ExpectRefetched(deep, "deep2");
        await c.ExpectHit("/a", "a1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Configured_Lower_Limit_Allows_That_Many_Items()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure(purge: PurgeSettings.Default with { MaxItemsPerRequest = 3 }));
        await c.Store("/a", "a1");
        await c.Store("/b", "b1");

        (await c.Admin.CloudflarePurge("""{"files":["http://test.example/a","http://test.example/x","http://test.example/y"]}""")).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/a", "a2");
        await c.ExpectHit("/b", "b1");
        c.Origin.ExpectAllConsumed();
    }

    /// <summary>A body with <paramref name="count"/> items under <paramref name="key"/>: the first is <paramref name="item"/>, the rest distinct fillers of the same kind.</summary>
    private static string Items(string key, string item, int count)
    {
        var items = Enumerable.Range(1, count - 1).Select(i => key switch
        {
            "files" => $"http://test.example/x{i}",
            "hosts" => $"h{i}.test.example",
            "prefixes" => $"test.example/x{i}",
            _ => $"t{i}",
        });
        return $$"""{"{{key}}":[{{string.Join(",", new[] { item }.Concat(items).Select(value => $"\"{value}\""))}}]}""";
    }

    private static async Task ExpectRejected(Func<Conversation, Task<Exchange>> send, int status, string body, PurgeSettings? purge = null)
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure(
            purge: purge,
            tokens:
            [
                PurgeTestSettings.Token("other-only", OtherOnlySecret, [PurgeTestSettings.OtherZone], TokenSettings.PurgePermission),
                PurgeTestSettings.Token("reader", ReaderSecret, [TokenSettings.AllZones], TokenSettings.ReadPermission),
            ]));
        await c.Store("/a", "a1", reply: ["Cache-Tag: red"]);

        var exchange = await send(c);

        exchange.ExpectStatus(status).ExpectJson(body);
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, exchange.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(exchange.Headers, header => header.Value.Any(value => value.Contains(secret, StringComparison.OrdinalIgnoreCase)));
        }

        await c.ExpectHit("/a", "a1");
        Assert.Empty(c.Server.Purges.Audit.Snapshot());
        c.Origin.ExpectAllConsumed();
    }
}
