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
        var boundary = Boundary(parts);
        Assert.Equal(
            $"\r\n--{boundary}\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-1/20\r\n\r\n01" +
            $"\r\n--{boundary}\r\nContent-Type: text/plain\r\nContent-Range: bytes 10-11/20\r\n\r\nab" +
            $"\r\n--{boundary}--\r\n",
            parts.Text);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Overlapping_Ranges_Are_Coalesced_So_No_Byte_Is_Sent_Twice()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, Body, "Cache-Control: max-age=60", "Content-Type: text/plain");

        (await c.Client.Get("/a")).ExpectMiss();

        // Sixteen whole-body ranges: one part, the body once.
        (await c.Client.Get("/a", "Range: bytes=" + string.Join(",", Enumerable.Repeat("0-", 16))))
            .ExpectStatus(206).ExpectHit().ExpectHeader("Content-Range", "bytes 0-19/20").ExpectHeader("Content-Length", "20").ExpectBody(Body);

        // Overlapping and adjacent ranges merge; what remains is sent in ascending order.
        var parts = (await c.Client.Get("/a", "Range: bytes=15-17, 3-8, 0-5, 18-18")).ExpectStatus(206).ExpectHit();
        var boundary = Boundary(parts);
        Assert.Equal(
            $"\r\n--{boundary}\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-8/20\r\n\r\n012345678" +
            $"\r\n--{boundary}\r\nContent-Type: text/plain\r\nContent-Range: bytes 15-18/20\r\n\r\nfghi" +
            $"\r\n--{boundary}--\r\n",
            parts.Text);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task More_Ranges_Than_The_Limit_Get_The_Full_Response()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, Body, "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss();
        var sixteen = string.Join(",", Enumerable.Range(0, 16).Select(i => $"{i}-{i}"));
        (await c.Client.Get("/a", $"Range: bytes={sixteen}")).ExpectStatus(206).ExpectHit().ExpectHeader("Content-Range", "bytes 0-15/20").ExpectBody("0123456789abcdef");
        (await c.Client.Get("/a", $"Range: bytes={sixteen},19-19")).ExpectStatus(200).ExpectHit().ExpectNoHeader("Content-Range").ExpectBody(Body);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task The_Range_Limit_Is_The_Zones_Setting()
    {
        await using var c = await Conversation.StartAsync(s => s with { Zones = [s.Zones[0] with { MaxRanges = 2 }] });
        c.Origin.OnGet("/a").Reply(200, Body, "Cache-Control: max-age=60", "Content-Type: text/plain");

        (await c.Client.Get("/a")).ExpectMiss();
        var two = (await c.Client.Get("/a", "Range: bytes=0-1, 10-11")).ExpectStatus(206);
        Assert.EndsWith($"ab\r\n--{Boundary(two)}--\r\n", two.Text, StringComparison.Ordinal);
        (await c.Client.Get("/a", "Range: bytes=0-1, 4-5, 10-11")).ExpectStatus(200).ExpectBody(Body);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Multipart_Parts_Of_A_Large_Body_Are_Exact_And_The_Length_Is_Declared_Up_Front()
    {
        await using var c = await Conversation.StartAsync();
        var body = Bodies.Pattern((1024 * 1024) + 3, seed: 11);
        c.Origin.OnGet("/big").Handle(async context =>
        {
            context.Response.Headers.CacheControl = "max-age=60";
            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(body);
        });

        (await c.Client.Get("/big")).ExpectMiss().ExpectStored();
        (long Start, long End)[] ranges = [(600_000, 1_000_000), (10, 70_000), (body.Length - 5, body.Length - 1), (131_072, 131_072)];
        var header = "Range: bytes=" + string.Join(", ", ranges.Select(r => $"{r.Start}-{r.End}"));
        var multipart = (await c.Client.Get("/big", header)).ExpectStatus(206).ExpectHit();

        // The declared Content-Length is what arrived (HttpClient fails a response that ends short or runs long).
        Assert.Equal(multipart.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), multipart.Header("Content-Length"));
        var boundary = Boundary(multipart);
        var expected = new List<byte>();
        foreach (var (start, end) in ranges)
        {
            expected.AddRange(System.Text.Encoding.ASCII.GetBytes(
                $"\r\n--{boundary}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes {start}-{end}/{body.Length}\r\n\r\n"));
            expected.AddRange(body[(int)start..(int)(end + 1)]);
        }

        expected.AddRange(System.Text.Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n"));
        Bodies.AssertSame([.. expected], multipart.Body);
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

    /// <summary>The boundary of a multipart/byteranges response (failing when it is not one).</summary>
    private static string Boundary(Exchange multipart)
    {
        const string prefix = "multipart/byteranges; boundary=";
        var contentType = multipart.Header("Content-Type")!;
        Assert.StartsWith(prefix, contentType, StringComparison.Ordinal);
        return contentType[prefix.Length..];
    }
}
