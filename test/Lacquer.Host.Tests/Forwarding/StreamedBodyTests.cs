// The origin's body is read straight into the client's response pipe, at most 64 KiB at a time and never
// past the declared length (CachingProxy.Respond.cs, CopyBodyAsync). These tests hold that path to the byte
// for lengths around the chunk size, announced or not, for an empty body and for a HEAD miss that fills.
using System.Globalization;
using Lacquer.Harness;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Forwarding;

public sealed class StreamedBodyTests
{
    private const int Chunk = 64 * 1024;

    [Theory]
    [InlineData(Chunk - 1, true)]
    [InlineData(Chunk, true)]
    [InlineData(Chunk + 1, true)]
    [InlineData((1024 * 1024) + 3, true)]
    [InlineData(Chunk + 1, false)]
    [InlineData((1024 * 1024) + 3, false)]
    public async Task An_Uncacheable_Body_Passes_Through_Byte_For_Byte(int length, bool announceLength)
    {
        await using var c = await Conversation.StartAsync();
        var body = Bodies.Pattern(length, seed: (uint)length);
        c.Origin.OnGet("/pass").Times(2).Handle(context => WriteAsync(context, body, "no-store", announceLength));

        for (var i = 0; i < 2; i++)
        {
            var response = (await c.Client.Get("/pass")).ExpectStatus(200).ExpectMiss().ExpectNotStored("response-no-store");
            Bodies.AssertSame(body, response.Body);
        }

        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task An_Empty_Body_With_Content_Length_Zero_Is_Stored_And_Served_Empty()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/empty").Handle(context =>
        {
            context.Response.Headers.CacheControl = "max-age=60";
            context.Response.ContentLength = 0;
            return Task.CompletedTask;
        });

        (await c.Client.Get("/empty")).ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody(string.Empty).ExpectHeader("Content-Length", "0");
        (await c.Client.Get("/empty")).ExpectStatus(200).ExpectHit().ExpectBody(string.Empty).ExpectHeader("Content-Length", "0");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Head_Miss_On_A_Large_Body_Fills_The_Store_Without_Sending_A_Body()
    {
        await using var c = await Conversation.StartAsync();
        var body = Bodies.Pattern((3 * Chunk) + 11, seed: 17);
        c.Origin.OnGet("/big").Handle(context => WriteAsync(context, body, "max-age=60", announceLength: true));

        // HEAD then GET on one kept-alive connection: a body sent after the HEAD would be read as the GET's head.
        (await c.Client.Head("/big")).ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody(string.Empty)
            .ExpectHeader("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture));
        Bodies.AssertSame(body, (await c.Client.Get("/big")).ExpectStatus(200).ExpectHit().Body);
        c.Origin.ExpectAllConsumed();
    }

    /// <summary>Writes the body in uneven pieces, flushing each, so that it arrives in many reads.</summary>
    private static async Task WriteAsync(HttpContext context, byte[] body, string cacheControl, bool announceLength)
    {
        context.Response.Headers.CacheControl = cacheControl;
        if (announceLength)
        {
            context.Response.ContentLength = body.Length;
        }

        for (var offset = 0; offset < body.Length; offset += 10_007)
        {
            await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(10_007, body.Length - offset)));
            await context.Response.Body.FlushAsync();
        }
    }
}
