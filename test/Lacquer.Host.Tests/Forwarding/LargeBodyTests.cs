// Large bodies pass through byte for byte. Above cache.maxObjectBytes (4 MiB in TestSettings) a response is
// streamed to the client and not stored (invariant 2): told by Content-Length before the body, or found out
// while capturing a chunked body, which is then abandoned. Up to the limit it is stored and hit whole.
using Lacquer.Harness;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Forwarding;

public sealed class LargeBodyTests
{
    private const int TenMegabytes = 10 * 1024 * 1024;
    private const int MaxObjectBytes = 4 * 1024 * 1024;

    [Fact]
    public async Task Response_Above_MaxObjectBytes_With_Content_Length_Passes_Through_Byte_Exact_And_Is_Not_Stored()
    {
        await using var c = await Conversation.StartAsync();
        var body = Bodies.Pattern(TenMegabytes, seed: 3);
        c.Origin.OnGet("/big").Handle(context => WriteAsync(context, body, withLength: true)).Times(2);

        var first = (await c.Client.Get("/big")).ExpectStatus(200).ExpectMiss().ExpectNotStored("too-large");
        Bodies.AssertSame(body, first.Body);
        var second = (await c.Client.Get("/big")).ExpectStatus(200).ExpectMiss().ExpectNotStored("too-large");
        Bodies.AssertSame(body, second.Body);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Chunked_Response_Above_MaxObjectBytes_Passes_Through_Byte_Exact_And_Is_Not_Stored()
    {
        await using var c = await Conversation.StartAsync();
        var body = Bodies.Pattern(TenMegabytes, seed: 5);
        c.Origin.OnGet("/big").Handle(context => WriteAsync(context, body, withLength: false)).Times(2);

        // The head goes out before the size is known, so this Cache-Status cannot know the capture will be
        // abandoned; what matters is that the next request is a miss again.
        var first = (await c.Client.Get("/big")).ExpectStatus(200).ExpectMiss();
        Bodies.AssertSame(body, first.Body);
        var second = (await c.Client.Get("/big")).ExpectStatus(200).ExpectMiss();
        Bodies.AssertSame(body, second.Body);
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Response_Of_Exactly_MaxObjectBytes_Is_Stored_And_Hit_Byte_Exact(bool withLength)
    {
        await using var c = await Conversation.StartAsync();
        var body = Bodies.Pattern(MaxObjectBytes, seed: 9);
        c.Origin.OnGet("/edge").Handle(context => WriteAsync(context, body, withLength));

        var miss = (await c.Client.Get("/edge")).ExpectStatus(200).ExpectMiss().ExpectStored();
        Bodies.AssertSame(body, miss.Body);
        var hit = (await c.Client.Get("/edge")).ExpectStatus(200).ExpectHit();
        Bodies.AssertSame(body, hit.Body);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Response_One_Byte_Above_MaxObjectBytes_Sent_Chunked_Is_Not_Stored()
    {
        await using var c = await Conversation.StartAsync();
        var body = Bodies.Pattern(MaxObjectBytes + 1, seed: 13);
        c.Origin.OnGet("/edge").Handle(context => WriteAsync(context, body, withLength: false)).Times(2);

        Bodies.AssertSame(body, (await c.Client.Get("/edge")).ExpectStatus(200).ExpectMiss().Body);
        Bodies.AssertSame(body, (await c.Client.Get("/edge")).ExpectStatus(200).ExpectMiss().Body);
        c.Origin.ExpectAllConsumed();
    }

    /// <summary>Writes the body in 64 KiB pieces, so a chunked response has many chunks.</summary>
    private static async Task WriteAsync(HttpContext context, byte[] body, bool withLength)
    {
        if (withLength)
        {
            context.Response.ContentLength = body.Length;
        }

        context.Response.Headers.CacheControl = "max-age=60";
        for (var offset = 0; offset < body.Length; offset += 64 * 1024)
        {
            await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(64 * 1024, body.Length - offset)));
        }
    }
}
