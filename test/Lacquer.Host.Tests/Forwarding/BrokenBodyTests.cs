// An origin that breaks off in the middle of a body (it closes or resets the connection before the declared
// Content-Length, or before the chunk that ends a chunked body): Lacquer has already sent the head, so it
// can only abort the client connection — and must, so that the client never holds a truncated response
// that looks complete (docs/request-path.md, step 9). Nothing is stored: the next request is a miss.
// (No hit is asserted after that miss: the client may send it while the broken fill is still settling, and
// a request that waited on a failed fill fetches without leading a new one, so the request after it may
// race its store.)
using Lacquer.Harness;

namespace Lacquer.Forwarding;

public sealed class BrokenBodyTests
{
    private const int Declared = 100_000;
    private const int Sent = 30_000;

    public static TheoryData<string, bool> Breaks => new()
    {
        { "content-length", false },
        { "content-length", true },
        { "chunked", false },
        { "chunked", true },
    };

    [Theory]
    [MemberData(nameof(Breaks))]
    public async Task Origin_Breaking_Off_Mid_Body_Leaves_The_Client_An_Incomplete_Response_And_Stores_Nothing(string framing, bool reset)
    {
        await using var raw = RawOrigin.Start();
        await using var c = await Conversation.StartAsync(s => s with { Zones = [TestSettings.Zone(raw.Uri)] });
        raw.OnGet("/a").Handle(async connection =>
        {
            await connection.SendAsync(BrokenResponse(framing));
            if (reset)
            {
                connection.Reset();
            }
            else
            {
                connection.Close();
            }
        });
        raw.OnGet("/a").ReplyWellFormed(200, "whole", "Cache-Control: max-age=60");

        using (var client = await RawClient.ConnectAsync(c.Client.Listener))
        {
            await client.SendAsync("GET /a HTTP/1.1\r\nHost: test.example\r\n\r\n");
            var response = await client.ReadUntilClosedAsync();

            Assert.False(response.IsComplete, $"The client got a complete-looking response of {response.Body.Length} bytes from a broken origin body.");
            Assert.True(response.Body.Length <= Sent, $"The client got {response.Body.Length} body bytes; the origin sent {Sent}.");
            Assert.Equal(Bodies.Pattern(Declared).AsSpan(0, response.Body.Length).ToArray(), response.Body);
        }

        (await c.Client.Get("/a")).ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody("whole");
        raw.ExpectAllConsumed();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Origin_Breaking_Off_Mid_Body_Makes_An_Http_Client_Fail_Rather_Than_Return_A_Short_Body()
    {
        await using var raw = RawOrigin.Start();
        await using var c = await Conversation.StartAsync(s => s with { Zones = [TestSettings.Zone(raw.Uri)] });
        raw.OnGet("/a").Handle(async connection =>
        {
            await connection.SendAsync(BrokenResponse("content-length"));
            connection.Close();
        });
        raw.OnGet("/a").ReplyWellFormed(200, "whole", "Cache-Control: max-age=60");

        await Assert.ThrowsAsync<HttpRequestException>(() => c.Client.Get("/a"));

        (await c.Client.Get("/a")).ExpectStatus(200).ExpectMiss().ExpectBody("whole");
        raw.ExpectAllConsumed();
        c.Origin.ExpectAllConsumed();
    }

    private static byte[] BrokenResponse(string framing)
    {
        var body = Bodies.Pattern(Declared);
        using var bytes = new MemoryStream();
        if (framing == "chunked")
        {
            bytes.Write("HTTP/1.1 200 OK\r\nCache-Control: max-age=60\r\nTransfer-Encoding: chunked\r\n\r\n"u8);
            for (var offset = 0; offset < Sent; offset += 10_000)
            {
                bytes.Write(System.Text.Encoding.ASCII.GetBytes($"{10_000:x}\r\n"));
                bytes.Write(body, offset, 10_000);
                bytes.Write("\r\n"u8);
            }
        }
        else
        {
            bytes.Write(System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nCache-Control: max-age=60\r\nContent-Length: {Declared}\r\n\r\n"));
            bytes.Write(body, 0, Sent);
        }

        return bytes.ToArray();
    }
}
