// The basic promise: a cacheable response is fetched once and then served from memory.
using Lacquer.Harness;

namespace Lacquer.Caching;

public sealed class MissThenHitTests
{
    [Fact]
    public async Task Cacheable_Response_Is_Stored_Then_Served_As_Hit()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60", "Cache-Tag: red");

        (await c.Client.Get("/a")).ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody("a1").ExpectNoHeader("Cache-Tag");
        (await c.Client.Get("/a")).ExpectStatus(200).ExpectHit().ExpectBody("a1").ExpectNoHeader("Cache-Tag").ExpectHeader("Age", "0");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Hit_Reports_Age_From_The_Clock()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss();
        c.Clock.Advance(TimeSpan.FromSeconds(42));
        (await c.Client.Get("/a")).ExpectHit().ExpectHeader("Age", "42");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Expired_Entry_Is_Fetched_Again_As_Stale()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60");
        c.Origin.OnGet("/a").Reply(200, "a2", "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss().ExpectBody("a1");
        c.Clock.Advance(TimeSpan.FromSeconds(61));
        (await c.Client.Get("/a")).ExpectMiss("stale").ExpectBody("a2");
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Head_Is_Answered_From_A_Stored_Get()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "hello", "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss().ExpectBody("hello");
        (await c.Client.Head("/a")).ExpectHit().ExpectBody(string.Empty).ExpectHeader("Content-Length", "5");
        c.Origin.ExpectAllConsumed();
    }
}
