// The request target reaches the origin byte for byte (RFC 9110 §7.7: a proxy does not rewrite the path
// and query it forwards). The cache key is built from the same raw target, so what a key names and what
// filled it are the same request: no dot segments resolved on the way, no escapes added or removed, no
// backslash turned into a slash. The one exception: control characters the listener lets through are
// percent-encoded rather than put raw into the origin's request line.
// Sent from a raw socket, because HttpClient would canonicalize the target itself.
using Lacquer.Harness;

namespace Lacquer.Forwarding;

public sealed class RequestTargetTests
{
    public static TheoryData<string> Targets =>
    [
        "/a%20b?q=%2F&x=a+b",
        "/a%2Fb",
        "/%7Euser/caf%C3%A9",
        "/a//b",
        "/a;p=1",
        "/a?",
        "/a?q=%ZZ",
        "/a?q=[1]&r={x}",
        "/x/../a",
        "/x/%2E%2E/a",
        "/a\\b",
    ];

    public static TheoryData<string, string> TargetsWithControls => new()
    {
        { "/a\u0001", "/a%01" },
        { "/a\tb", "/a%09b" },
        { "/a\u001f", "/a%1F" },
        { "/a\u007f", "/a%7F" },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Request_Target_Reaches_The_Origin_Byte_For_Byte(string target)
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet(target).Reply(200, "ok", "Cache-Control: max-age=60");

        using var client = await RawClient.ConnectAsync(c.Client.Listener);
        await client.SendAsync($"GET {target} HTTP/1.1\r\nHost: test.example\r\n\r\n");
        var response = await client.ReadResponseAsync();

        Assert.Equal(200, response.Status);
        Assert.Equal(target, Assert.Single(c.Origin.Received).Target);
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [MemberData(nameof(TargetsWithControls))]
    public async Task Control_Characters_The_Listener_Lets_Into_A_Target_Reach_The_Origin_Percent_Encoded(string target, string forwarded)
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet(forwarded).Reply(200, "ok");

        using var client = await RawClient.ConnectAsync(c.Client.Listener);
        await client.SendAsync($"GET {target} HTTP/1.1\r\nHost: test.example\r\n\r\n");
        var response = await client.ReadResponseAsync();

        Assert.Equal(200, response.Status);
        Assert.Equal(forwarded, Assert.Single(c.Origin.Received).Target);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Origin_Base_Path_Prefixes_The_Request_Target()
    {
        await using var c = await Conversation.StartAsync(s => s with { Zones = [s.Zones[0] with { Origin = new Uri(s.Zones[0].Origin, "/base/") }] });
        c.Origin.OnGet("/base/a%2Fb?q=1").Reply(200, "based");

        (await c.Client.Get("/a%2Fb?q=1")).ExpectStatus(200).ExpectBody("based");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Options_Asterisk_Is_Answered_By_Lacquer_And_Never_Sent_To_The_Origin_With_Another_Target()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1");

        using (var client = await RawClient.ConnectAsync(c.Client.Listener))
        {
            await client.SendAsync("OPTIONS * HTTP/1.1\r\nHost: test.example\r\n\r\n");
            var response = await client.ReadResponseAsync();
            Assert.Equal((200, "GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE", 0L), (response.Status, response.Header("Allow"), response.ContentLength));
        }

        Assert.Equal(0, c.Origin.RequestCount);
        (await c.Client.Get("/a")).ExpectStatus(200).ExpectBody("a1");
        c.Origin.ExpectAllConsumed();
    }
}
