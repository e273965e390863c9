// Where and how the purge_cache endpoint is reached (docs/compat.md, "Cloudflare purge_cache"): both paths, POST and DELETE, and both
// ways of presenting credentials. Every accepted request purges and answers the exact success envelope.
using Lacquer.Configuration;
using Lacquer.Harness;

namespace Lacquer.Purge.Api.Cloudflare;

public sealed class PurgeEndpointTests
{
    private const string Body = """{"tags":["red"]}""";

    [Theory]
    [InlineData("POST", "/client/v4/zones/" + TestSettings.ZoneId + "/purge_cache")]
    [InlineData("POST", "/zones/" + TestSettings.ZoneId + "/purge_cache")]
    [InlineData("DELETE", "/client/v4/zones/" + TestSettings.ZoneId + "/purge_cache")]
    [InlineData("DELETE", "/zones/" + TestSettings.ZoneId + "/purge_cache")]
    public async Task Purge_Is_Served_On_Both_Paths_For_Post_And_Delete(string method, string path)
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1", reply: ["Cache-Tag: red"]);
        await c.Store("/b", "b1", reply: ["Cache-Tag: blue"]);

        (await c.Admin.CloudflareSend(method, path, Body, $"Authorization: Bearer {PurgeTestSettings.Secret}")).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/a", "a2");
        await c.ExpectHit("/b", "b1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task X_Auth_Email_And_X_Auth_Key_Authenticate_With_The_Secret_As_Key()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1", reply: ["Cache-Tag: red"]);
        await c.Store("/b", "b1", reply: ["Cache-Tag: blue"]);

        (await c.Admin.CloudflareSend("POST", CloudflareApi.PurgePath(TestSettings.ZoneId), Body,
            "X-Auth-Email: ops@test.example", $"X-Auth-Key: {PurgeTestSettings.Secret}")).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/a", "a2");
        await c.ExpectHit("/b", "b1");
        Assert.Equal(PurgeTestSettings.TokenName, Assert.Single(c.Server.Purges.Audit.Snapshot()).Who);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Zone_Scoped_Token_Purges_Its_Own_Zone()
    {
        const string secret = "s3cr3t-other-only";
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure(
            tokens: PurgeTestSettings.Token("other-only", secret, [PurgeTestSettings.OtherZone], TokenSettings.PurgePermission)));
        await c.Store("/o", "o1", send: [$"Host: {PurgeTestSettings.OtherHost}"]);
        await c.Store("/a", "a1");

        (await c.Admin.CloudflarePurge("""{"purge_everything":true}""", secret, PurgeTestSettings.OtherZoneId)).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/o", "o2", send: [$"Host: {PurgeTestSettings.OtherHost}"]);
        await c.ExpectHit("/a", "a1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Lower_Case_Bearer_Scheme_Is_Accepted()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1", reply: ["Cache-Tag: red"]);

        (await c.Admin.CloudflareSend("POST", CloudflareApi.PurgePath(TestSettings.ZoneId), Body,
            $"Authorization: bearer {PurgeTestSettings.Secret}")).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/a", "a2");
        c.Origin.ExpectAllConsumed();
    }
}
