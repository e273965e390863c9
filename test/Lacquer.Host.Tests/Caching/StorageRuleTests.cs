// RFC 9111 §3 end to end: responses HTTP forbids a shared cache to store are passed through, say why in
// Cache-Status, and are fetched again next time (invariant 3).
using Lacquer.Harness;

namespace Lacquer.Caching;

public sealed class StorageRuleTests
{
    [Theory]
    [InlineData("no-store", "response-no-store")] // §5.2.2.5
    [InlineData("no-store, max-age=60", "response-no-store")]
    [InlineData("max-age=60, NO-STORE", "response-no-store")]
    [InlineData("private", "response-private")] // §5.2.2.7: a shared cache MUST NOT store it
    [InlineData("private, max-age=60", "response-private")]
    [InlineData("max-age=60, private=\"Set-Cookie\"", "response-private")]
    [InlineData("no-cache", "response-no-cache")] // §5.2.2.4 without a validator: nothing to revalidate with
    [InlineData("no-cache, max-age=60", "response-no-cache")]
    public async Task Response_Directive_Forbidding_Storage_Is_Obeyed(string cacheControl, string detail)
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Times(2).Reply(200, "a1", $"Cache-Control: {cacheControl}");

        (await c.Client.Get("/a")).ExpectStatus(200).ExpectMiss().ExpectNotStored(detail).ExpectBody("a1");
        (await c.Client.Get("/a")).ExpectMiss().ExpectNotStored(detail).ExpectBody("a1");
        Assert.Equal(0, c.Server.Proxy.Store.Count);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Authorization_Request_Is_Not_Stored_Without_Permission_From_The_Response()
    {
        // §3.5: a shared cache stores a response to a request with Authorization only if the response allows it.
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/me").Times(2).Reply(200, "alice's page", "Cache-Control: max-age=60");

        (await c.Client.Get("/me", "Authorization: Bearer alice")).ExpectMiss().ExpectNotStored("authorization").ExpectBody("alice's page");
        (await c.Client.Get("/me", "Authorization: Bearer alice")).ExpectMiss().ExpectNotStored("authorization");
        Assert.Equal(0, c.Server.Proxy.Store.Count);
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("public, max-age=60")]
    [InlineData("s-maxage=60")]
    [InlineData("must-revalidate, max-age=60")]
    public async Task Authorization_Request_Is_Stored_When_The_Response_Allows_It(string cacheControl)
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/shared").Reply(200, "for everyone", $"Cache-Control: {cacheControl}");

        (await c.Client.Get("/shared", "Authorization: Bearer alice")).ExpectMiss().ExpectStored();
        (await c.Client.Get("/shared", "Authorization: Bearer bob")).ExpectHit().ExpectBody("for everyone");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Authorization_Of_The_Leader_Is_Not_Shared_With_A_Later_Request()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/me").Reply(200, "alice's page", "Cache-Control: max-age=60");
        c.Origin.OnGet("/me").Reply(200, "anonymous page", "Cache-Control: max-age=60");

        (await c.Client.Get("/me", "Authorization: Bearer alice")).ExpectNotStored("authorization");
        (await c.Client.Get("/me")).ExpectMiss().ExpectStored().ExpectBody("anonymous page");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Set_Cookie_Response_Is_Not_Stored_By_Default()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/login").Times(2).Reply(200, "welcome", "Cache-Control: max-age=60", "Set-Cookie: session=abc; HttpOnly");

        (await c.Client.Get("/login")).ExpectMiss().ExpectNotStored("set-cookie").ExpectHeader("Set-Cookie", "session=abc; HttpOnly");
        (await c.Client.Get("/login")).ExpectMiss().ExpectNotStored("set-cookie");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Set_Cookie_Response_Is_Stored_When_The_Zone_Opts_In()
    {
        await using var c = await Conversation.StartAsync(s => s with { Zones = [s.Zones[0] with { CacheSetCookie = true }] });
        c.Origin.OnGet("/prefs").Reply(200, "defaults", "Cache-Control: max-age=60", "Set-Cookie: theme=light");

        (await c.Client.Get("/prefs")).ExpectMiss().ExpectStored();
        (await c.Client.Get("/prefs")).ExpectHit().ExpectBody("defaults");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Server_Error_Without_Freshness_Is_Not_Stored()
    {
        // 500 is not heuristically cacheable (RFC 9110 §15.1), so even a Last-Modified gives it no lifetime.
        await using var c = await Conversation.StartAsync();
        var lastModified = c.Clock.GetUtcNow().AddDays(-10).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        c.Origin.OnGet("/broken").Times(2).Reply(500, "oops", $"Last-Modified: {lastModified}");

        (await c.Client.Get("/broken")).ExpectStatus(500).ExpectMiss().ExpectNotStored("no-freshness").ExpectBody("oops");
        (await c.Client.Get("/broken")).ExpectStatus(500).ExpectMiss().ExpectNotStored("no-freshness");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Not_Found_Is_Stored_With_Explicit_Freshness()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/gone").Reply(404, "not here", "Cache-Control: max-age=60");

        (await c.Client.Get("/gone")).ExpectStatus(404).ExpectMiss().ExpectStored();
        (await c.Client.Get("/gone")).ExpectStatus(404).ExpectHit().ExpectBody("not here");
        c.Origin.ExpectAllConsumed();
    }
}
