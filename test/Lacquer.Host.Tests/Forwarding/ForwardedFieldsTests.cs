// What Lacquer adds on the way through (RFC 9110 §7.6.3 Via; RFC 7239 Forwarded; the conventional
// X-Forwarded-* fields): the origin learns the client's address, and the scheme and host of the URL the key
// names — never the client's own spelling of Host, its port or its claims about earlier hops. Via is appended
// to; Forwarded and X-Forwarded-For are replaced for a client and appended to for a trusted proxy.
using System.Net;
using Lacquer.Harness;
using Lacquer.Zones;

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
    public async Task Via_Is_Appended_To_But_A_Clients_Forwarded_And_X_Forwarded_For_Are_Replaced()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1");

        (await c.Client.Get("/a", "Via: 1.0 edge, 1.1 corp-proxy", "X-Forwarded-For: 203.0.113.7, 198.51.100.2", "Forwarded: for=203.0.113.7;host=evil.example;proto=https")).ExpectStatus(200);

        var received = Assert.Single(c.Origin.Received);
        Assert.Equal("1.0 edge, 1.1 corp-proxy, 1.1 lacquer", received.Headers["Via"]);
        Assert.Equal("127.0.0.1", received.Headers["X-Forwarded-For"]);
        Assert.Equal("for=127.0.0.1;host=test.example;proto=http", received.Headers["Forwarded"]);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Trusted_Proxys_Forwarded_And_X_Forwarded_For_Are_Appended_To()
    {
        await using var c = await Conversation.StartAsync(Trusting("127.0.0.1/32"));
        c.Origin.OnGet("/a").Reply(200, "a1");

        (await c.Client.Get("/a", "X-Forwarded-For: 203.0.113.7, 198.51.100.2", "Forwarded: for=203.0.113.7;proto=https")).ExpectStatus(200);

        var received = Assert.Single(c.Origin.Received);
        Assert.Equal("203.0.113.7, 198.51.100.2, 127.0.0.1", received.Headers["X-Forwarded-For"]);
        Assert.Equal("for=203.0.113.7;proto=https, for=127.0.0.1;host=test.example;proto=https", received.Headers["Forwarded"]);
        Assert.Equal("https", received.Headers["X-Forwarded-Proto"]);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task X_Forwarded_For_Sent_On_Several_Lines_By_A_Trusted_Proxy_Keeps_Every_Address_In_Order()
    {
        await using var c = await Conversation.StartAsync(Trusting("127.0.0.0/8"));
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

    [Theory]
    [InlineData("Test.Example:1337")]
    [InlineData("test.example:1337")]
    [InlineData("TEST.EXAMPLE")]
    public async Task Host_And_X_Forwarded_Host_Are_The_Keyed_Host_Never_The_Clients_Port_Or_Spelling(string hostField)
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/app.js").Reply(200, "js", "Cache-Control: max-age=60");

        (await c.Client.Get("/app.js", $"Host: {hostField}")).ExpectMiss().ExpectStored();
        (await c.Client.Get("/app.js")).ExpectHit();

        var received = Assert.Single(c.Origin.Received);
        Assert.Equal("test.example", received.Headers["Host"]);
        Assert.Equal("test.example", received.Headers["X-Forwarded-Host"]);
        Assert.Equal("for=127.0.0.1;host=test.example;proto=http", received.Headers["Forwarded"]);
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

    private static Func<Configuration.LacquerSettings, Configuration.LacquerSettings> Trusting(params string[] networks) =>
        settings => settings with { TrustedProxies = [.. networks.Select(IPNetwork.Parse)] };
}
