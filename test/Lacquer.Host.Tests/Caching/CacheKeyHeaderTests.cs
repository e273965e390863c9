// A zone's cacheKeyHeaders (docs/request-path.md) put the request's values of those headers into the
// primary key: different values are different entries, not variants of one.
using Lacquer.Harness;

namespace Lacquer.Caching;

public sealed class CacheKeyHeaderTests
{
    [Fact]
    public async Task Different_Key_Header_Values_Are_Different_Entries()
    {
        await using var c = await Conversation.StartAsync(s => s with { Zones = [s.Zones[0] with { CacheKeyHeaders = ["CF-Device-Type"] }] });
        c.Origin.OnGet("/home").Reply(200, "mobile page", "Cache-Control: max-age=60");
        c.Origin.OnGet("/home").Reply(200, "desktop page", "Cache-Control: max-age=60");
        c.Origin.OnGet("/home").Reply(200, "plain page", "Cache-Control: max-age=60");

        (await c.Client.Get("/home", "CF-Device-Type: mobile")).ExpectMiss().ExpectStored().ExpectBody("mobile page");
        (await c.Client.Get("/home", "CF-Device-Type: desktop")).ExpectMiss().ExpectStored().ExpectBody("desktop page");
        (await c.Client.Get("/home")).ExpectMiss().ExpectStored().ExpectBody("plain page");
        (await c.Client.Get("/home", "CF-Device-Type: mobile")).ExpectHit().ExpectBody("mobile page");
        (await c.Client.Get("/home", "CF-Device-Type: desktop")).ExpectHit().ExpectBody("desktop page");
        (await c.Client.Get("/home")).ExpectHit().ExpectBody("plain page");
        Assert.Equal(3, c.Server.Proxy.Store.Count);
        Assert.Equal(["desktop", "mobile"], c.Origin.Received.Where(r => r.Headers.ContainsKey("CF-Device-Type")).Select(r => r.Headers["CF-Device-Type"]).Order());
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Key_Header_Name_Matches_Case_Insensitively_And_Values_Are_Trimmed()
    {
        await using var c = await Conversation.StartAsync(s => s with { Zones = [s.Zones[0] with { CacheKeyHeaders = ["CF-Device-Type"] }] });
        c.Origin.OnGet("/home").Reply(200, "mobile page", "Cache-Control: max-age=60");

        (await c.Client.Get("/home", "CF-Device-Type: mobile")).ExpectMiss();
        (await c.Client.Get("/home", "cf-device-type:   mobile ")).ExpectHit().ExpectBody("mobile page");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Without_Key_Headers_The_Same_Header_Does_Not_Split_The_Entry()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/home").Reply(200, "one page", "Cache-Control: max-age=60");

        (await c.Client.Get("/home", "CF-Device-Type: mobile")).ExpectMiss();
        (await c.Client.Get("/home", "CF-Device-Type: desktop")).ExpectHit().ExpectBody("one page");
        c.Origin.ExpectAllConsumed();
    }
}
