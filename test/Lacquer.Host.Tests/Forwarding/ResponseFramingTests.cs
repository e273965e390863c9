// How an origin response's body is delimited (RFC 9112 §6.3). SocketsHttpHandler reads the body by the
// rules; what Lacquer must add is what it forwards: a Content-Length that does not delimit the body is never
// passed on. With Transfer-Encoding the received Content-Length is removed (§6.3, 3); without it, a
// Content-Length that is not one decimal number makes the framing invalid and the answer 502 (§6.3, 5).
using Lacquer.Harness;

namespace Lacquer.Forwarding;

public sealed class ResponseFramingTests
{
    public static TheoryData<string> InvalidContentLengths =>
    [
        "Content-Length: two\r\n", // not a number
        "Content-Length: -5\r\n", // a sign
        "Content-Length: 5.0\r\n", // a fraction
        "Content-Length: 5, 5\r\n", // a list, even of one value repeated (RFC 9110 §8.6 allows rejecting it)
        "Content-Length: 5\r\nContent-Length: 5\r\n", // two field lines, equal
        "Content-Length: 5\r\nContent-Length: 6\r\n", // two field lines, different
    ];

    [Theory]
    [MemberData(nameof(InvalidContentLengths))]
    public async Task Invalid_Content_Length_Is_Answered_502_Not_500_And_Nothing_Is_Stored(string contentLength)
    {
        await using var raw = RawOrigin.Start();
        await using var c = await Conversation.StartAsync(s => s with { Zones = [TestSettings.Zone(raw.Uri)] });
        raw.OnGet("/a").ReplyAndClose($"HTTP/1.1 200 OK\r\nCache-Control: max-age=60\r\n{contentLength}\r\nhello!");
        raw.OnGet("/a").ReplyWellFormed(200, "fine", "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectStatus(502)
            .ExpectHeader("Cache-Status", "Lacquer; fwd=miss; detail=origin-invalid-response")
            .ExpectBody("Lacquer: the origin sent an invalid response.\n");

        (await c.Client.Get("/a")).ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody("fine");
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("fine");
        raw.ExpectAllConsumed();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Content_Length_Received_With_Transfer_Encoding_Is_Removed_And_The_Chunked_Body_Served_Whole()
    {
        await using var raw = RawOrigin.Start();
        await using var c = await Conversation.StartAsync(s => s with { Zones = [TestSettings.Zone(raw.Uri)] });
        raw.OnGet("/a").Reply(
            "HTTP/1.1 200 OK\r\n" +
            "Cache-Control: max-age=60\r\n" +
            "Content-Length: 100\r\n" +
            "Transfer-Encoding: chunked\r\n" +
            "\r\n" +
            "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");

        using (var client = await RawClient.ConnectAsync(c.Client.Listener))
        {
            await client.SendAsync("GET /a HTTP/1.1\r\nHost: test.example\r\n\r\n");
            var miss = await client.ReadResponseAsync();
            Assert.True(miss.IsComplete, "The response was cut off: " + System.Text.Encoding.Latin1.GetString(miss.Received));
            Assert.Equal(200, miss.Status);
            Assert.NotEqual("100", miss.Header("Content-Length"));
            Assert.Equal("hello world", miss.Text);
        }

        (await c.Client.Get("/a")).ExpectHit().ExpectBody("hello world").ExpectHeader("Content-Length", "11");
        raw.ExpectAllConsumed();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Response_Delimited_By_The_End_Of_The_Connection_Is_Served_Whole_And_Stored()
    {
        await using var raw = RawOrigin.Start();
        await using var c = await Conversation.StartAsync(s => s with { Zones = [TestSettings.Zone(raw.Uri)] });
        raw.OnGet("/a").ReplyAndClose("HTTP/1.1 200 OK\r\nCache-Control: max-age=60\r\n\r\nuntil the end");

        (await c.Client.Get("/a")).ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody("until the end");
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("until the end").ExpectHeader("Content-Length", "13");
        raw.ExpectAllConsumed();
        c.Origin.ExpectAllConsumed();
    }
}
