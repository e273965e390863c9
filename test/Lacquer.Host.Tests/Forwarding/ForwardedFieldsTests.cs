// What Lacquer adds on the way through (RFC 9110 §7.6.3 Via; the conventional X-Forwarded-* fields): the
// origin learns the client's address, scheme and host, and the client's Host reaches the origin unchanged.
// Values a client sent are appended to (Via, X-Forwarded-For), or replaced where a client could lie about
// this hop (X-Forwarded-Proto, X-Forwarded-Host).
using Lacquer.Harness;

namespace Lacquer.Forwarding;

public sealed class ForwardedFieldsTests
{
    [Fact]
    public async Task Request_Carries_Via_And_X_Forwarded_Fields_And_Keeps_The_Clients_Host()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a?q=1").Reply(200, "a1");

        (await c.Client.Get("/a?q=1")).ExpectStatus(200).ExpectBody("a1");

        var received = Assert.Single(c.Origin.Received);
        Assert.Equal("test.example", received.Headers["Host"]);
        Assert.Equal("1.1 lacquer", received.Headers["Via"]);
        Assert.Equal("127.0.0.1", received.Headers["X-Forwarded-For"]);
        Assert.Equal("http", received.Headers["X-Forwarded-Proto"]);
        Assert.Equal("test.example", received.Headers["X-Forwarded-Host"]);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Via_And_X_Forwarded_For_Are_Appended_To_What_The_Client_Sent()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1");

        (await c.Client.Get("/a", "Via: 1.0 edge, 1.1 corp-proxy", "X-Forwarded-For: 203.0.113.7, 198.51.100.2")).ExpectStatus(200);

        var received = Assert.Single(c.Origin.Received);
        Assert.Equal("1.0 edge, 1.1 corp-proxy, 1.1 lacquer", received.Headers["Via"]);
        Assert.Equal("203.0.113.7, 198.51.100.2, 127.0.0.1", received.Headers["X-Forwarded-For"]);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task X_Forwarded_For_Sent_On_Several_Lines_Keeps_Every_Address_In_Order()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1");

        using var client = await RawClient.ConnectAsync(c.Client.Listener);
        await client.SendAsync("GET /a HTTP/1.1\r\nHost: test.example\r\nX-Forwarded-For: 203.0.113.7\r\nX-Forwarded-For: 198.51.100.2\r\n\r\n");
        Assert.Equal(200, (await client.ReadResponseAsync()).Status);

        var received = Assert.Single(c.Origin.Received);
        Assert.Equal("203.0.113.7, 198.51.100.2, 127.0.0.1", received.Headers["X-Forwarded-For"]);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Client_Supplied_X_Forwarded_Proto_And_Host_Are_Replaced_Not_Trusted()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1");

        (await c.Client.Get("/a", "X-Forwarded-Proto: https", "X-Forwarded-Host: admin.internal", "X-Forwarded-Port: 443")).ExpectStatus(200);

        var received = Assert.Single(c.Origin.Received);
        Assert.Equal("http", received.Headers["X-Forwarded-Proto"]);
        Assert.Equal("test.example", received.Headers["X-Forwarded-Host"]);
        Assert.False(received.Headers.ContainsKey("X-Forwarded-Port"), "A client's X-Forwarded-Port reached the origin.");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Host_Reaches_The_Origin_As_The_Client_Sent_It_Port_And_Case_Included()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1");

        (await c.Client.Get("/a", "Host: Test.Example:8443")).ExpectStatus(200);

        var received = Assert.Single(c.Origin.Received);
        Assert.Equal("Test.Example:8443", received.Headers["Host"]);
        Assert.Equal("Test.Example:8443", received.Headers["X-Forwarded-Host"]);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Response_Carries_Via_On_Miss_And_Hit_After_The_Origins_Own()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/plain").Reply(200, "p", "Cache-Control: max-age=60");
        c.Origin.OnGet("/via").Reply(200, "v", "Cache-Control: max-age=60", "Via: 1.1 upstream-cache");

        (await c.Client.Get("/plain")).ExpectMiss().ExpectHeader("Via", "1.1 lacquer");
        (await c.Client.Get("/plain")).ExpectHit().ExpectHeader("Via", "1.1 lacquer");
        (await c.Client.Get("/via")).ExpectMiss().ExpectHeader("Via", "1.1 upstream-cache, 1.1 lacquer");
        (await c.Client.Get("/via")).ExpectHit().ExpectHeader("Via", "1.1 upstream-cache, 1.1 lacquer");
        c.Origin.ExpectAllConsumed();
    }
}
