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
