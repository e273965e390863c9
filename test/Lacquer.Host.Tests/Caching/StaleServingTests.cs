// Serving stale (RFC 5861, RFC 9111 §4.2.4): stale-while-revalidate with exactly one background
// revalidation, stale-if-error, the zone's serveStaleOnError, and the directives that forbid both.
using Lacquer.Harness;

namespace Lacquer.Caching;

public sealed class StaleServingTests
{
    [Fact]
    public async Task ServesStale_If_StaleWhileRevalidate_And_Revalidates_Once_In_The_Background()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60, stale-while-revalidate=30", "ETag: \"v1\"");
        c.Origin.OnGet("/a").Reply(200, "a2", "Cache-Control: max-age=60, stale-while-revalidate=30", "ETag: \"v2\"");

        (await c.Client.Get("/a")).ExpectMiss();
        c.Clock.Advance(TimeSpan.FromSeconds(70));
        (await c.Client.Get("/a")).ExpectHeader("Cache-Status", "Lacquer; hit; detail=stale-while-revalidate").ExpectBody("a1");
        await c.Server.Proxy.WhenBackgroundIdleAsync();
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task StaleWhileRevalidate_Window_Ends()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60, stale-while-revalidate=30");
        c.Origin.OnGet("/a").Reply(200, "a2", "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss();
        c.Clock.Advance(TimeSpan.FromSeconds(91));
        (await c.Client.Get("/a")).ExpectMiss("stale").ExpectBody("a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task StaleWhileRevalidate_Does_Not_Apply_To_Must_Revalidate()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60, stale-while-revalidate=30, must-revalidate");
        c.Origin.OnGet("/a").Reply(200, "a2", "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss();
        c.Clock.Advance(TimeSpan.FromSeconds(70));
        (await c.Client.Get("/a")).ExpectMiss("stale").ExpectBody("a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task ServesStale_If_StaleIfError_And_The_Origin_Answers_5xx()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60, stale-if-error=300");
        c.Origin.OnGet("/a").Reply(503, "down", "Cache-Control: max-age=60");
        c.Origin.OnGet("/a").Reply(200, "a2", "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss();
        c.Clock.Advance(TimeSpan.FromSeconds(120));
        (await c.Client.Get("/a")).ExpectStatus(200).ExpectHeader("Cache-Status", "Lacquer; hit; detail=stale-if-error").ExpectBody("a1");
        (await c.Client.Get("/a")).ExpectMiss("stale").ExpectBody("a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task StaleIfError_Window_Ends()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60, stale-if-error=30");
        c.Origin.OnGet("/a").Reply(500, "down");

        (await c.Client.Get("/a")).ExpectMiss();
        c.Clock.Advance(TimeSpan.FromSeconds(120));
        (await c.Client.Get("/a")).ExpectStatus(500).ExpectBody("down");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task By_Default_An_Unreachable_Origin_Is_Bridged_With_The_Stored_Copy_For_A_Day()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60");
        c.Origin.OnGet("/b").Reply(200, "b1", "Cache-Control: max-age=60");
        c.Origin.OnGet("/c").Reply(200, "c1", "Cache-Control: s-maxage=60");
        (await c.Client.Get("/a")).ExpectMiss();
        (await c.Client.Get("/b")).ExpectMiss();
        (await c.Client.Get("/c")).ExpectMiss();
        c.Origin.ExpectAllConsumed();

        await c.Origin.DisposeAsync();
        c.Clock.Advance(TimeSpan.FromSeconds(60) + TimeSpan.FromDays(1));
        (await c.Client.Get("/a")).ExpectStatus(200).ExpectHeader("Cache-Status", "Lacquer; hit; detail=stale-if-error").ExpectBody("a1");
        (await c.Client.Get("/c")).ExpectStatus(502); // s-maxage: never served stale (RFC 9111 §5.2.2.10)
        c.Clock.Advance(TimeSpan.FromSeconds(1));
        (await c.Client.Get("/b")).ExpectStatus(502).ExpectNotStored("origin-unreachable"); // past the bound
    }

    [Fact]
    public async Task Zone_ServeStaleOnError_Zero_Answers_502_Despite_A_Stored_Copy()
    {
        await using var c = await Conversation.StartAsync(s => s with { Zones = [s.Zones[0] with { ServeStaleOnError = TimeSpan.Zero }] });
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60");
        (await c.Client.Get("/a")).ExpectMiss();
        c.Origin.ExpectAllConsumed();

        await c.Origin.DisposeAsync();
        c.Clock.Advance(TimeSpan.FromSeconds(120));
        (await c.Client.Get("/a")).ExpectStatus(502).ExpectNotStored("origin-unreachable");
    }

    [Fact]
    public async Task Zone_ServeStaleOnError_Serves_The_Stored_Copy_When_The_Origin_Is_Down()
    {
        await using var c = await Conversation.StartAsync(s => s with { Zones = [s.Zones[0] with { ServeStaleOnError = TimeSpan.FromMinutes(10) }] });
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60");
        c.Origin.OnGet("/b").Reply(200, "b1", "Cache-Control: max-age=60, must-revalidate");
        (await c.Client.Get("/a")).ExpectMiss();
        (await c.Client.Get("/b")).ExpectMiss();
        c.Origin.ExpectAllConsumed();

        await c.Origin.DisposeAsync();
        c.Clock.Advance(TimeSpan.FromSeconds(120));
        (await c.Client.Get("/a")).ExpectStatus(200).ExpectHeader("Cache-Status", "Lacquer; hit; detail=stale-if-error").ExpectBody("a1");
        (await c.Client.Get("/b")).ExpectStatus(502);
    }

    [Fact]
    public async Task Zone_Can_Ignore_Client_NoCache()
    {
        await using var c = await Conversation.StartAsync(s => s with { Zones = [s.Zones[0] with { HonorClientNoCache = false }] });
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss();
        (await c.Client.Get("/a", "Cache-Control: no-cache")).ExpectHit();
        (await c.Client.Get("/a", "Pragma: no-cache")).ExpectHit();
        c.Origin.ExpectAllConsumed();
    }
}
