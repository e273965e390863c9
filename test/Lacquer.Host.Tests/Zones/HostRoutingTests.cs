// Requests reach a zone by their Host (docs/request-path.md, step 1): matched case-insensitively with the
// port ignored; no zone is a 421 in plain text naming the host; a Host whose port is no port is a 400; a
// request without any Host never reaches an origin. A zone's host is keyed and forwarded in its canonical
// ASCII form (punycode for an internationalised name). Several zones each go to their own origin and keep
// their own cache entries.
using Lacquer.Harness;

namespace Lacquer.Zones;

public sealed class HostRoutingTests
{
    [Fact]
    public async Task Unknown_Host_Is_Answered_421_In_Plain_Text_Naming_The_Host()
    {
        await using var c = await Conversation.StartAsync();

        (await c.Client.Get("/a", "Host: other.example")).ExpectStatus(421)
            .ExpectHeader("Content-Type", "text/plain; charset=utf-8")
            .ExpectBody("Lacquer has no zone for host 'other.example'.\n");
        Assert.Equal(0, c.Origin.RequestCount);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Unknown_Host_Is_Named_With_Its_Port()
    {
        await using var c = await Conversation.StartAsync();

        (await c.Client.Get("/a", "Host: other.example:8080")).ExpectStatus(421).ExpectBody("Lacquer has no zone for host 'other.example:8080'.\n");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Host_Matching_Ignores_Case_And_Port_And_Shares_One_Cache_Key()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60");

        (await c.Client.Get("/a", "Host: TEST.EXAMPLE:1234")).ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody("a1");
        (await c.Client.Get("/a", "Host: test.example")).ExpectHit().ExpectBody("a1");
        (await c.Client.Get("/a", "Host: Test.Example:80")).ExpectHit().ExpectBody("a1");
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("test.example:99999999")]
    [InlineData("test.example:65536")]
    [InlineData("x:99999999")]
    [InlineData("[::1]:70000")]
    public async Task Host_With_A_Port_Out_Of_Range_Is_Answered_400_And_Never_Reaches_The_Origin(string hostField)
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1");

        using (var client = await RawClient.ConnectAsync(c.Client.Listener))
        {
            await client.SendAsync($"GET /a HTTP/1.1\r\nHost: {hostField}\r\n\r\n");
            var response = await client.ReadResponseAsync();
            Assert.Equal(400, response.Status);
            Assert.Equal($"Lacquer: the Host field '{hostField}' is not a host with an optional port of 0-65535.\n", response.Text);
        }

        Assert.Equal(0, c.Origin.RequestCount);
        (await c.Client.Get("/a")).ExpectStatus(200).ExpectBody("a1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Zone_With_A_Punycode_Host_Serves_And_Keys_It_In_Ascii_Whatever_The_Case()
    {
        await using var c = await Conversation.StartAsync(s => s with { Zones = [s.Zones[0] with { Hosts = ["xn--bcher-kva.example"] }] });
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60");

        (await c.Client.Get("/a", "Host: xn--bcher-kva.example")).ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody("a1");
        (await c.Client.Get("/a", "Host: XN--BCHER-KVA.example:8080")).ExpectHit().ExpectBody("a1");

        var received = Assert.Single(c.Origin.Received);
        Assert.Equal("xn--bcher-kva.example", received.Headers["Host"]);
        Assert.Equal("xn--bcher-kva.example", received.Headers["X-Forwarded-Host"]);
        Assert.Equal(["http://xn--bcher-kva.example/a"], c.Server.Proxy.Store.Urls(c.Server.Proxy.Store.ZoneCache(c.Server.Proxy.Zones.Zones[0].Id), 10));
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Host_That_Only_Starts_Like_A_Zone_Host_Does_Not_Match()
    {
        await using var c = await Conversation.StartAsync();

        (await c.Client.Get("/a", "Host: test.example.evil")).ExpectStatus(421);
        (await c.Client.Get("/a", "Host: sub.test.example")).ExpectStatus(421);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Http10_Request_Without_Host_Is_Answered_421_And_The_Proxy_Serves_On()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1");

        using (var client = await RawClient.ConnectAsync(c.Client.Listener))
        {
            await client.SendAsync("GET /a HTTP/1.0\r\n\r\n");
            var response = await client.ReadUntilClosedAsync();
            Assert.Equal(421, response.Status);
            Assert.True(response.IsComplete);
            Assert.Equal("Lacquer has no zone for host ''.\n", response.Text);
        }

        Assert.Equal(0, c.Origin.RequestCount);
        (await c.Client.Get("/a")).ExpectStatus(200).ExpectBody("a1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Http11_Request_Without_Host_Is_Rejected_400_By_The_Listener()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1");

        using (var client = await RawClient.ConnectAsync(c.Client.Listener))
        {
            await client.SendAsync("GET /a HTTP/1.1\r\n\r\n");
            var response = await client.ReadUntilClosedAsync();
            Assert.Equal(400, response.Status);
        }

        Assert.Equal(0, c.Origin.RequestCount);
        (await c.Client.Get("/a")).ExpectStatus(200).ExpectBody("a1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Each_Zone_Routes_To_Its_Own_Origin_With_Its_Own_Cache_Entries()
    {
        // The second origin has its own clock, starting where the conversation's does: neither moves here.
        await using var second = await ScriptedOrigin.StartAsync(new ManualTimeProvider());
        await using var c = await Conversation.StartAsync(s => s with
        {
            Zones =
            [
                s.Zones[0] with { Hosts = ["one.example", "www.one.example"] },
                TestSettings.Zone(second.Uri, name: "two", host: "two.example", id: "fedcba9876543210fedcba9876543210"),
            ],
        });
        c.Origin.OnGet("/a").Reply(200, "from one", "Cache-Control: max-age=60");
        c.Origin.OnGet("/a").Reply(200, "from one, www", "Cache-Control: max-age=60");
        second.OnGet("/a").Reply(200, "from two", "Cache-Control: max-age=60");

        (await c.Client.Get("/a", "Host: one.example")).ExpectMiss().ExpectBody("from one");
        (await c.Client.Get("/a", "Host: two.example")).ExpectMiss().ExpectBody("from two");
        (await c.Client.Get("/a", "Host: www.one.example")).ExpectMiss().ExpectBody("from one, www");
        (await c.Client.Get("/a", "Host: one.example")).ExpectHit().ExpectBody("from one");
        (await c.Client.Get("/a", "Host: two.example")).ExpectHit().ExpectBody("from two");
        (await c.Client.Get("/a", "Host: www.one.example")).ExpectHit().ExpectBody("from one, www");
        (await c.Client.Get("/a", "Host: test.example")).ExpectStatus(421);

        Assert.Equal(["one.example", "www.one.example"], c.Origin.Received.Select(request => request.Headers["Host"]));
        Assert.Equal("two.example", Assert.Single(second.Received).Headers["Host"]);
        second.ExpectAllConsumed();
        c.Origin.ExpectAllConsumed();
    }
}
