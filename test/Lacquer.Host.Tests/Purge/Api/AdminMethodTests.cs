// A request with a method a route does not serve gets 405 with an Allow header and a body in that
// surface's own format, never an empty body: Cloudflare's envelope on the purge_cache paths (even with valid
// credentials and body, nothing is purged), and Lacquer's own shapes on /healthz, /api/stats and /api/purges.
// The seed surfaces' 405s are in their own tests (Crafter, ServiceCache, ReferenceServer, Flextype).
using Lacquer.Harness;

namespace Lacquer.Purge.Api;

public sealed class AdminMethodTests
{
    private const string V4Path = "/client/v4/zones/" + TestSettings.ZoneId + "/purge_cache";
    private const string ShortPath = "/zones/" + TestSettings.ZoneId + "/purge_cache";

    [Theory]
    [InlineData("GET", V4Path)]
    [InlineData("PUT", V4Path)]
    [InlineData("PATCH", V4Path)]
    [InlineData("OPTIONS", V4Path)]
    [InlineData("GET", ShortPath)]
    [InlineData("PUT", ShortPath)]
    public async Task Another_Method_On_Purge_Cache_Is_405_In_Cloudflares_Envelope_And_Purges_Nothing(string method, string path)
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1", reply: ["Cache-Tag: red"]);

        (await c.Admin.CloudflareSend(method, path, """{"purge_everything":true}""", $"Authorization: Bearer {PurgeTestSettings.Secret}"))
            .ExpectCloudflareError(405, 7001, $"Method {method} not available for that URI.")
            .ExpectHeader("Allow", "POST, DELETE")
            .ExpectHeader("Content-Type", "application/json");

        await c.ExpectHit("/a", "a1");
        Assert.Empty(c.Server.Purges.Audit.Snapshot());
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Head_On_Purge_Cache_Is_405_With_The_Envelopes_Headers_And_No_Body()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());

        (await c.Admin.Head(V4Path, $"Authorization: Bearer {PurgeTestSettings.Secret}")).ExpectStatus(405)
            .ExpectHeader("Allow", "POST, DELETE")
            .ExpectHeader("Content-Type", "application/json")
            .ExpectBody(string.Empty);

        Assert.Empty(c.Server.Purges.Audit.Snapshot());
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("POST", "/api/stats")]
    [InlineData("DELETE", "/api/purges")]
    [InlineData("PUT", "/api/purges")]
    public async Task Another_Method_On_A_Json_Endpoint_Is_405_With_Its_Error_Object(string method, string path)
    {
        await using var c = await Conversation.StartAsync();

        (await c.Admin.Send(method, path, null)).ExpectStatus(405)
            .ExpectHeader("Allow", "GET, HEAD")
            .ExpectHeader("Content-Type", "application/json")
            .ExpectJson($$"""{"error":"Method {{method}} is not allowed here; use GET or HEAD."}""");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Another_Method_On_Healthz_Is_405_In_Text_And_Head_Is_Served()
    {
        await using var c = await Conversation.StartAsync();

        (await c.Admin.Send("POST", "/healthz", null)).ExpectStatus(405)
            .ExpectHeader("Allow", "GET, HEAD")
            .ExpectHeader("Content-Type", "text/plain; charset=utf-8")
            .ExpectBody("Method POST is not allowed here; use GET or HEAD.\n");
        (await c.Admin.Head("/healthz")).ExpectStatus(200).ExpectHeader("Content-Length", "3").ExpectBody(string.Empty);
        (await c.Admin.Get("/healthz")).ExpectStatus(200).ExpectBody("ok\n");
        c.Origin.ExpectAllConsumed();
    }
}
