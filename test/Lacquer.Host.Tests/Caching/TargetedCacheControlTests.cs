// RFC 9213: CDN-Cache-Control (and a configurable list) takes precedence over Cache-Control and Expires for
// Lacquer's own decisions, and is stripped from client responses when the zone says so.
using Lacquer.Harness;

namespace Lacquer.Caching;

public sealed class TargetedCacheControlTests
{
    [Fact]
    public async Task CDN_Cache_Control_Overrides_Cache_Control()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: no-store", "CDN-Cache-Control: max-age=60");
        c.Origin.OnGet("/b").Reply(200, "b1", "Cache-Control: max-age=600", "CDN-Cache-Control: no-store");
        c.Origin.OnGet("/b").Reply(200, "b2", "Cache-Control: max-age=600", "CDN-Cache-Control: no-store");

        (await c.Client.Get("/a")).ExpectMiss().ExpectStored().ExpectHeader("Cache-Control", "no-store").ExpectHeader("CDN-Cache-Control", "max-age=60");
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("a1");
        (await c.Client.Get("/b")).ExpectNotStored("response-no-store");
        (await c.Client.Get("/b")).ExpectMiss().ExpectBody("b2");
        c.Origin.ExpectAllConsumed();
    }

    // RFC 9213 §2.1: a targeted field that is not a valid Dictionary of directives is ignored as a whole, and
    // Cache-Control (with Expires) governs as if it were absent.
    [Theory]
    [InlineData("max-age=10000, &&&&&")]
    [InlineData("max-age=\"10000\"")]
    [InlineData("Max-Age=10000")]
    [InlineData("max-age=10000,")]
    public async Task Invalid_Targeted_Field_Is_Ignored_And_Cache_Control_Governs(string targeted)
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60", $"CDN-Cache-Control: {targeted}");
        c.Origin.OnGet("/a").Reply(200, "a2", "Cache-Control: max-age=60", $"CDN-Cache-Control: {targeted}");
        c.Origin.OnGet("/b").Reply(200, "b1", "Cache-Control: no-store", $"CDN-Cache-Control: {targeted}");

        (await c.Client.Get("/a")).ExpectMiss().ExpectHeader("Cache-Status", "Lacquer; fwd=miss; stored; ttl=60");
        c.Clock.Advance(TimeSpan.FromSeconds(61));
        (await c.Client.Get("/a")).ExpectMiss("stale").ExpectBody("a2");
        (await c.Client.Get("/b")).ExpectNotStored("response-no-store");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Targeted_Field_Makes_Expires_Irrelevant()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Expires: Thu, 01 Jan 1970 00:00:00 GMT", "CDN-Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss().ExpectStored();
        (await c.Client.Get("/a")).ExpectHit();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Configured_List_Is_Used_In_Order_And_Stripped_When_Configured()
    {
        await using var c = await Conversation.StartAsync(s => s with
        {
            Zones = [s.Zones[0] with { TargetedCacheControl = ["Lacquer-Cache-Control", "CDN-Cache-Control"], StripTargetedCacheControl = true }],
        });
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=5", "CDN-Cache-Control: no-store", "Lacquer-Cache-Control: max-age=300");

        (await c.Client.Get("/a")).ExpectMiss().ExpectStored().ExpectNoHeader("CDN-Cache-Control").ExpectNoHeader("Lacquer-Cache-Control").ExpectHeader("Cache-Control", "max-age=5");
        c.Clock.Advance(TimeSpan.FromSeconds(100));
        (await c.Client.Get("/a")).ExpectHit().ExpectNoHeader("Lacquer-Cache-Control");
        c.Origin.ExpectAllConsumed();
    }
}
