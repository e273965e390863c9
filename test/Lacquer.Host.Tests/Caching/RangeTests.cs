// Range requests answered from a stored full response (RFC 9111 §3.4, RFC 9110 §14), and 206 responses
// from the origin passed through without being stored as full responses.
using Lacquer.Harness;

namespace Lacquer.Caching;

public sealed class RangeTests
{
    private const string Body = "0123456789abcdefghij";

    [Fact]
    public async Task Single_Range_Is_Answered_206_From_A_Stored_200()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, Body, "Cache-Control: max-age=60", "Content-Type: text/plain");

        (await c.Client.Get("/a")).ExpectMiss();
        (await c.Client.Get("/a", "Range: bytes=2-5")).ExpectStatus(206).ExpectHit().ExpectBody("2345").ExpectHeader("Content-Range", "bytes 2-5/20");
        (await c.Client.Get("/a", "Range: bytes=-3")).ExpectStatus(206).ExpectBody("hij").ExpectHeader("Content-Range", "bytes 17-19/20");
        (await c.Client.Get("/a", "Range: bytes=15-")).ExpectStatus(206).ExpectBody("fghij");
        (await c.Client.Get("/a", "Range: bytes=18-99")).ExpectStatus(206).ExpectBody("ij").ExpectHeader("Content-Range", "bytes 18-19/20");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Several_Ranges_Are_Answered_As_Multipart_Byteranges()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, Body, "Cache-Control: max-age=60", "Content-Type: text/plain");

        (await c.Client.Get("/a")).ExpectMiss();
        var parts = (await c.Client.Get("/a", "Range: bytes=0-1, 10-11")).ExpectStatus(206).ExpectHit();
        var contentType = parts.Header("Content-Type")!;
        Assert.StartsWith("multipart/byteranges; boundary=", contentType, StringComparison.Ordinal);
        var boundary = contentType["multipart/byteranges; boundary=".Length..];
        Assert.Equal(
            $"\r\n--{boundary}\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-1/20\r\n\r\n01" +
            $"\r\n--{boundary}\r\nContent-Type: text/plain\r\nContent-Range: bytes 10-11/20\r\n\r\nab" +
            $"\r\n--{boundary}--\r\n",
            parts.Text);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Unsatisfiable_Range_Is_Answered_416()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, Body, "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss();
        (await c.Client.Get("/a", "Range: bytes=50-60")).ExpectStatus(416).ExpectHeader("Content-Range", "bytes */20").ExpectBody(string.Empty);
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("items=0-1")]
    [InlineData("bytes=5-2")]
    [InlineData("bytes=abc")]
    public async Task Invalid_Or_Foreign_Range_Gets_The_Full_Response(string range)
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, Body, "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss();
        (await c.Client.Get("/a", $"Range: {range}")).ExpectStatus(200).ExpectBody(Body);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task If_Range_That_Does_Not_Match_Gets_The_Full_Response()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, Body, "Cache-Control: max-age=60", "ETag: \"v1\"");

        (await c.Client.Get("/a")).ExpectMiss();
        (await c.Client.Get("/a", "Range: bytes=0-1", "If-Range: \"v1\"")).ExpectStatus(206).ExpectBody("01");
        (await c.Client.Get("/a", "Range: bytes=0-1", "If-Range: \"v0\"")).ExpectStatus(200).ExpectBody(Body);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Partial_Content_From_The_Origin_Is_Passed_Through_And_Not_Stored()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(206, "01", "Cache-Control: max-age=60", "Content-Range: bytes 0-1/20");
        c.Origin.OnGet("/a").Reply(200, Body, "Cache-Control: max-age=60");

        (await c.Client.Get("/a", "Range: bytes=0-1")).ExpectStatus(206).ExpectNotStored("status-not-storable").ExpectBody("01");
        (await c.Client.Get("/a")).ExpectMiss().ExpectBody(Body);
        c.Origin.ExpectAllConsumed();
    }
}
