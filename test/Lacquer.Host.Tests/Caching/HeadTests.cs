// HEAD (docs/request-path.md steps 5 and 6): a HEAD miss is filled with a GET so the full response can be
// stored; later HEAD and GET requests are both hits.
using Lacquer.Harness;

namespace Lacquer.Caching;

public sealed class HeadTests
{
    [Fact]
    public async Task Head_Miss_Is_Filled_With_Get_And_Later_Head_And_Get_Are_Hits()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "hello", "Cache-Control: max-age=60", "ETag: \"v1\"");

        (await c.Client.Head("/a")).ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody(string.Empty).ExpectHeader("ETag", "\"v1\"");
        (await c.Client.Head("/a")).ExpectHit().ExpectBody(string.Empty).ExpectHeader("Content-Length", "5");
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("hello").ExpectHeader("ETag", "\"v1\"");
        Assert.Equal(["GET"], c.Origin.Received.Select(request => request.Method));
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Head_Miss_For_An_Uncacheable_Response_Is_Not_Stored()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Times(2).Reply(200, "hello", "Cache-Control: no-store");

        (await c.Client.Head("/a")).ExpectStatus(200).ExpectNotStored("response-no-store").ExpectBody(string.Empty);
        (await c.Client.Get("/a")).ExpectMiss().ExpectBody("hello");
        c.Origin.ExpectAllConsumed();
    }
}
