// Stored bodies larger than one write chunk are written to the client in 64 KiB pieces (Proxy/ResponseBody.cs).
// These tests hold that path to the byte: sizes on and around the chunk boundaries, a range that crosses
// them, HEAD, and a client that resets the connection in the middle of a large hit.
using Lacquer.Harness;
using Microsoft.Extensions.Logging;

namespace Lacquer.Caching;

public sealed class LargeHitBodyTests
{
    private const int Chunk = 64 * 1024;

    [Theory]
    [InlineData(Chunk)]
    [InlineData(Chunk + 1)]
    [InlineData((2 * Chunk) - 1)]
    [InlineData((3 * 1024 * 1024) + 7)]
    public async Task A_Hit_Returns_The_Stored_Body_Byte_For_Byte(int length)
    {
        await using var c = await Conversation.StartAsync();
        var body = Bodies.Pattern(length, seed: (uint)length);
        c.Origin.OnGet("/big").Handle(async context =>
        {
            context.Response.Headers.CacheControl = "max-age=60";
            await context.Response.Body.WriteAsync(body);
        });

        Bodies.AssertSame(body, (await c.Client.Get("/big")).ExpectStatus(200).ExpectMiss().ExpectStored().Body);
        var hit = (await c.Client.Get("/big")).ExpectStatus(200).ExpectHit().ExpectHeader("Content-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Bodies.AssertSame(body, hit.Body);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Range_Across_Chunk_Boundaries_Of_A_Large_Body_Is_Exact()
    {
        await using var c = await Conversation.StartAsync();
        var body = Bodies.Pattern(1024 * 1024, seed: 3);
        c.Origin.OnGet("/big").Handle(async context =>
        {
            context.Response.Headers.CacheControl = "max-age=60";
            await context.Response.Body.WriteAsync(body);
        });

        (await c.Client.Get("/big")).ExpectMiss();
        const int start = Chunk - 10, end = (3 * Chunk) + 20;
        var part = (await c.Client.Get("/big", $"Range: bytes={start}-{end}")).ExpectStatus(206).ExpectHit()
            .ExpectHeader("Content-Range", $"bytes {start}-{end}/{body.Length}");
        Bodies.AssertSame(body[start..(end + 1)], part.Body);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Head_Of_A_Large_Stored_Body_Has_Its_Length_And_No_Body()
    {
        await using var c = await Conversation.StartAsync();
        var body = Bodies.Pattern((2 * Chunk) + 5, seed: 5);
        c.Origin.OnGet("/big").Handle(async context =>
        {
            context.Response.Headers.CacheControl = "max-age=60";
            await context.Response.Body.WriteAsync(body);
        });

        (await c.Client.Get("/big")).ExpectMiss();
        // HEAD then GET on the client's kept-alive connection: a body sent after the HEAD would be read as the GET's head.
        (await c.Client.Head("/big")).ExpectStatus(200).ExpectHit().ExpectBody(string.Empty)
            .ExpectHeader("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Bodies.AssertSame(body, (await c.Client.Get("/big")).ExpectStatus(200).ExpectHit().Body);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Client_Resetting_Mid_Hit_Leaves_The_Proxy_Serving_Without_Errors()
    {
        var log = new CapturedLog();
        await using var c = await Conversation.StartAsync(logging: log.Add);
        var body = Bodies.Pattern((3 * 1024 * 1024) + 7, seed: 9);
        c.Origin.OnGet("/big").Handle(async context =>
        {
            context.Response.Headers.CacheControl = "max-age=60";
            await context.Response.Body.WriteAsync(body);
        });
        (await c.Client.Get("/big")).ExpectMiss();

        for (var i = 0; i < 5; i++)
        {
            using var client = await RawClient.ConnectAsync(c.Client.Listener);
            await client.SendAsync("GET /big HTTP/1.1\r\nHost: test.example\r\n\r\n");
            var partial = await client.ReadUntilBodyAsync(1);
            Assert.Equal(200, partial.Status);
            client.Abort();
        }

        Bodies.AssertSame(body, (await c.Client.Get("/big")).ExpectStatus(200).ExpectHit().Body);
        Assert.DoesNotContain(log.Lines, line => line.Level >= LogLevel.Error);
        c.Origin.ExpectAllConsumed();
    }
}
