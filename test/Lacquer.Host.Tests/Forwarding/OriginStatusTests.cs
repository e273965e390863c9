// Origin statuses Lacquer cannot forward as they are. A status that is not a final HTTP status (000, outside
// 100..599, or a 1xx that arrives as the final answer) is the origin's fault: 502 with a short text, nothing
// stored. A 204, 205 or 304 that comes with content is forwarded without it (RFC 9110 §15.3.5, §15.3.6,
// §15.4.5; RFC 9112 §6.3): those statuses never carry content to the client, and never become a 500.
using Lacquer.Harness;

namespace Lacquer.Forwarding;

public sealed class OriginStatusTests
{
    [Theory]
    [InlineData("000")]
    [InlineData("099")]
    [InlineData("600")]
    [InlineData("999")]
    [InlineData("199")]
    public async Task Status_That_Is_Not_A_Final_Http_Status_Is_Answered_502_And_Not_Stored(string status)
    {
        await using var raw = RawOrigin.Start();
        await using var c = await Conversation.StartAsync(s => s with { Zones = [TestSettings.Zone(raw.Uri)] });
        raw.OnGet("/a").ReplyAndClose($"HTTP/1.1 {status} Odd\r\nCache-Control: max-age=60\r\nContent-Length: 2\r\n\r\nok").Always();
        raw.OnGet("/good").ReplyWellFormed(200, "fine", "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectStatus(502)
            .ExpectHeader("Content-Type", "text/plain; charset=utf-8")
            .ExpectHeader("Cache-Status", "Lacquer; fwd=miss; detail=origin-invalid-response")
            .ExpectBody("Lacquer: the origin sent an invalid response.\n");
        Assert.Equal(0, c.Server.Proxy.Store.Count);

        (await c.Client.Get("/good")).ExpectStatus(200).ExpectStored().ExpectBody("fine");
        raw.ExpectAllConsumed();
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData(204, "No Content")]
    [InlineData(205, "Reset Content")]
    [InlineData(304, "Not Modified")]
    public async Task Bodyless_Status_With_Content_Is_Forwarded_Without_It(int status, string reason)
    {
        await using var raw = RawOrigin.Start();
        await using var c = await Conversation.StartAsync(s => s with { Zones = [TestSettings.Zone(raw.Uri)] });
        raw.OnGet("/a").ReplyAndClose($"HTTP/1.1 {status} {reason}\r\nX-Origin: yes\r\nContent-Length: 5\r\n\r\nhello").Always();
        raw.OnGet("/good").ReplyWellFormed(200, "fine");

        using (var client = await RawClient.ConnectAsync(c.Client.Listener))
        {
            await client.SendAsync("GET /a HTTP/1.1\r\nHost: test.example\r\n\r\n");
            var response = await client.ReadResponseAsync();
            Assert.True(response.HeadComplete, System.Text.Encoding.Latin1.GetString(response.Received));
            Assert.Equal(status, response.Status);
            Assert.Equal("yes", response.Header("X-Origin"));
            Assert.Empty(response.Body);
            Assert.Null(response.Header("Transfer-Encoding"));
            Assert.True(response.Header("Content-Length") is null or "0", "Content-Length: " + response.Header("Content-Length"));
        }

        (await c.Client.Get("/good")).ExpectStatus(200).ExpectBody("fine");
        raw.ExpectAllConsumed();
        c.Origin.ExpectAllConsumed();
    }
}
