// RFC 9110 §7.6.1: hop-by-hop fields describe one connection and are never forwarded, in either direction —
// the fixed list (Connection, Keep-Alive, Proxy-Connection, TE, Transfer-Encoding, Upgrade, Trailer, and the
// proxy authentication fields) and every field the message's own Connection header names. End-to-end fields
// pass through intact. The request side is sent from a raw socket so that the bytes are exactly these; the
// response side comes from a raw origin for the same reason.
using Lacquer.Harness;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Forwarding;

public sealed class HopByHopTests
{
    private static readonly string[] FixedHopByHop =
        ["Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Proxy-Authorization", "Proxy-Authenticate"];

    [Fact]
    public async Task HopByHop_Request_Fields_Are_Not_Forwarded_To_The_Origin()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1");

        using var client = await RawClient.ConnectAsync(c.Client.Listener);
        await client.SendAsync(
            "GET /a HTTP/1.1\r\n" +
            "Host: test.example\r\n" +
            "Connection: X-Secret\r\n" + // alone: beside keep-alive the listener loses it (the skipped test below)
            "Keep-Alive: timeout=5\r\n" +
            "Proxy-Connection: keep-alive\r\n" +
            "TE: trailers\r\n" +
            "Trailer: X-Checksum\r\n" +
            "Upgrade: websocket\r\n" +
            "Proxy-Authorization: Basic cHJveHk6c2VjcmV0\r\n" +
            "Transfer-Encoding: chunked\r\n" +
            "X-Secret: for-the-next-hop-only\r\n" +
            "X-End-To-End: kept, as \"sent\"\r\n" +
            "Accept: text/plain;q=0.9, */*;q=0.1\r\n" +
            "\r\n" +
            "0\r\n\r\n");
        var response = await client.ReadResponseAsync();

        Assert.Equal(200, response.Status);
        Assert.Equal("a1", response.Text);
        var received = Assert.Single(c.Origin.Received);
        foreach (var name in FixedHopByHop.Append("X-Secret"))
        {
            Assert.False(received.Headers.ContainsKey(name), $"The origin received the hop-by-hop field {name}: '{received.Headers.GetValueOrDefault(name)}'.");
        }

        Assert.Equal("kept, as \"sent\"", received.Headers["X-End-To-End"]);
        Assert.Equal("text/plain;q=0.9, */*;q=0.1", received.Headers["Accept"]);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task HopByHop_Response_Fields_Are_Not_Forwarded_To_The_Client_Nor_Stored()
    {
        await using var raw = RawOrigin.Start();
        await using var c = await Conversation.StartAsync(s => s with { Zones = [TestSettings.Zone(raw.Uri)] });
        raw.OnGet("/a").Reply(
            "HTTP/1.1 200 OK\r\n" +
            "Connection: X-Internal, keep-alive\r\n" +
            "Keep-Alive: timeout=5, max=100\r\n" +
            "Proxy-Connection: keep-alive\r\n" +
            "TE: trailers\r\n" +
            "Trailer: X-Checksum\r\n" +
            "Upgrade: h2c\r\n" +
            "Proxy-Authenticate: Basic realm=\"origin\"\r\n" +
            "X-Internal: origin-only\r\n" +
            "X-End-To-End: kept, as \"sent\"\r\n" +
            "ETag: \"v1\"\r\n" +
            "Link: </style.css>; rel=preload; as=style\r\n" +
            "Content-Type: text/plain; charset=utf-8\r\n" +
            "Cache-Control: max-age=60\r\n" +
            "Transfer-Encoding: chunked\r\n" +
            "\r\n" +
            "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");

        var miss = (await c.Client.Get("/a")).ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody("hello world");
        var hit = (await c.Client.Get("/a")).ExpectStatus(200).ExpectHit().ExpectBody("hello world").ExpectHeader("Content-Length", "11");

        foreach (var exchange in new[] { miss, hit })
        {
            foreach (var name in FixedHopByHop.Where(name => name != "Transfer-Encoding").Append("X-Internal"))
            {
                exchange.ExpectNoHeader(name);
            }

            exchange.ExpectHeader("X-End-To-End", "kept, as \"sent\"")
                .ExpectHeader("ETag", "\"v1\"")
                .ExpectHeader("Link", "</style.css>; rel=preload; as=style")
                .ExpectHeader("Content-Type", "text/plain; charset=utf-8");
        }

        // The miss is chunked again by Lacquer's own listener (its length is unknown when the head goes out);
        // the origin's field is not what the client sees, and the stored copy has none.
        Assert.True(miss.Header("Transfer-Encoding") is null or "chunked", $"Transfer-Encoding was '{miss.Header("Transfer-Encoding")}'.");
        hit.ExpectNoHeader("Transfer-Encoding");
        raw.ExpectAllConsumed();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task HopByHop_Fields_Named_In_Connection_Beside_Keep_Alive_Are_Not_Forwarded()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1");

        (await c.Client.Get("/a", "Connection: keep-alive, X-Secret", "X-Secret: client-only")).ExpectStatus(200);

        var received = Assert.Single(c.Origin.Received);
        Assert.False(received.Headers.ContainsKey("X-Secret"), "X-Secret was named in Connection and still forwarded.");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task HopByHop_Fields_Named_In_Connection_Are_Not_Forwarded()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Connection: X-Internal", "X-Internal: origin-only", "X-Public: seen");

        (await c.Client.Get("/a", "Connection: X-Secret , x-other", "X-Secret: client-only", "X-Other: also-client-only", "X-Kept: yes"))
            .ExpectStatus(200).ExpectBody("a1").ExpectNoHeader("X-Internal").ExpectNoHeader("Connection").ExpectHeader("X-Public", "seen");

        var received = Assert.Single(c.Origin.Received);
        Assert.False(received.Headers.ContainsKey("X-Secret"), "X-Secret was named in Connection and still forwarded.");
        Assert.False(received.Headers.ContainsKey("X-Other"), "X-Other was named in Connection (in lower case) and still forwarded.");
        Assert.False(received.Headers.ContainsKey("Connection"));
        Assert.Equal("yes", received.Headers["X-Kept"]);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Key_Header_Named_In_Connection_Is_Not_Part_Of_The_Key()
    {
        await using var c = await Conversation.StartAsync(s => s with { Zones = [s.Zones[0] with { CacheKeyHeaders = ["CF-Device-Type"] }] });
        c.Origin.OnGet("/home").Times(2).Handle(context => ReplyBy(context, "CF-Device-Type", "mobile", "mobile page", "default page"));

        (await c.Client.Get("/home", "CF-Device-Type: mobile", "Connection: CF-Device-Type")).ExpectMiss().ExpectStored().ExpectBody("default page");
        (await c.Client.Get("/home", "CF-Device-Type: mobile")).ExpectMiss().ExpectStored().ExpectBody("mobile page");
        (await c.Client.Get("/home")).ExpectHit().ExpectBody("default page");
        (await c.Client.Get("/home", "CF-Device-Type: mobile")).ExpectHit().ExpectBody("mobile page");
        Assert.False(c.Origin.Received.First().Headers.ContainsKey("CF-Device-Type"));
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Varied_Header_Named_In_Connection_Does_Not_Select_The_Stored_Variant()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/news").Times(2).Handle(context => ReplyBy(context, "Accept-Language", "fr", "les nouvelles", "the news", "Vary: Accept-Language"));

        (await c.Client.Get("/news", "Accept-Language: fr", "Connection: Accept-Language")).ExpectMiss().ExpectStored().ExpectBody("the news");
        (await c.Client.Get("/news", "Accept-Language: fr")).ExpectMiss("vary-miss").ExpectStored().ExpectBody("les nouvelles");
        (await c.Client.Get("/news")).ExpectHit().ExpectBody("the news");
        (await c.Client.Get("/news", "Accept-Language: fr", "Connection: Accept-Language")).ExpectHit().ExpectBody("the news");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Fields_Named_Beside_A_Connection_Option_Are_Removed_On_Every_Request_Of_A_Connection_And_Only_There()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Times(5).Reply(200, "a1", "Cache-Control: no-store");

        // The same bytes twice (the listener may reuse the first request's value for the second), two field
        // lines, close beside a name, and then a request that names nothing: what it sends is forwarded.
        string[] connections =
        [
            "Connection: keep-alive, X-Secret\r\n",
            "Connection: keep-alive, X-Secret\r\n",
            "Connection: keep-alive\r\nConnection: X-Secret\r\n",
            "Connection: keep-alive\r\n",
        ];
        using var client = await RawClient.ConnectAsync(c.Client.Listener);
        foreach (var connection in connections)
        {
            client.ForgetReceived();
            await client.SendAsync("GET /a HTTP/1.1\r\nHost: test.example\r\n" + connection + "X-Secret: client-only\r\n\r\n");
            Assert.Equal(200, (await client.ReadResponseAsync()).Status);
        }

        using var closing = await RawClient.ConnectAsync(c.Client.Listener);
        await closing.SendAsync("GET /a HTTP/1.1\r\nHost: test.example\r\nConnection: X-Secret, close\r\nX-Secret: client-only\r\n\r\n");
        Assert.Equal(200, (await closing.ReadUntilClosedAsync()).Status);

        var forwarded = c.Origin.Received.Select(request => request.Headers.GetValueOrDefault("X-Secret") ?? "(removed)").ToArray();
        Assert.Equal(["(removed)", "(removed)", "(removed)", "client-only", "(removed)"], forwarded);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Key_Header_Named_Beside_Keep_Alive_Is_Not_Part_Of_The_Key()
    {
        await using var c = await Conversation.StartAsync(s => s with { Zones = [s.Zones[0] with { CacheKeyHeaders = ["CF-Device-Type"] }] });
        c.Origin.OnGet("/home").Times(2).Handle(context => ReplyBy(context, "CF-Device-Type", "mobile", "mobile page", "default page"));

        (await c.Client.Get("/home", "CF-Device-Type: mobile", "Connection: keep-alive, CF-Device-Type")).ExpectMiss().ExpectStored().ExpectBody("default page");
        (await c.Client.Get("/home", "CF-Device-Type: mobile")).ExpectMiss().ExpectStored().ExpectBody("mobile page");
        (await c.Client.Get("/home")).ExpectHit().ExpectBody("default page");
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData(new byte[] { (byte)'X', 0xFF, (byte)'Y' })]
    [InlineData(new byte[] { (byte)'X', 0x00, (byte)'Y' })]
    public async Task A_Connection_Line_That_Is_Not_Text_Is_A_Bad_Request(byte[] value)
    {
        await using var c = await Conversation.StartAsync();

        using var client = await RawClient.ConnectAsync(c.Client.Listener);
        await client.SendAsync([.. "GET /a HTTP/1.1\r\nHost: test.example\r\nConnection: keep-alive, "u8, .. value, .. "\r\n\r\n"u8]);
        var response = await client.ReadUntilClosedAsync();

        Assert.Equal(400, response.Status);
        Assert.Empty(c.Origin.Received);
        c.Origin.ExpectAllConsumed();
    }

    /// <summary>An origin whose answer depends on one request field: <paramref name="matching"/> when it has <paramref name="value"/>.</summary>
    private static async Task ReplyBy(HttpContext context, string field, string value, string matching, string otherwise, params string[] headers)
    {
        context.Response.Headers.CacheControl = "max-age=60";
        foreach (var line in headers)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            context.Response.Headers.Append(line[..colon], line[(colon + 1)..].Trim());
        }

        await context.Response.WriteAsync(context.Request.Headers[field].ToString() == value ? matching : otherwise);
    }
}
