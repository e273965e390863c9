// WebSockets through Lacquer, with real sockets: a Kestrel origin echoes; a ClientWebSocket opens the connection
// through the proxy listener, messages go both ways, and the close handshake is relayed in both directions.
// Nothing of it is stored or counted as a cache miss; the origin sees Lacquer's forwarding fields (Via, the key's
// host) and not the client's hop-by-hop fields other than the upgrade itself.
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Lacquer.Configuration;
using Lacquer.Harness;

namespace Lacquer.Forwarding;

public sealed class WebSocketTests
{
    [Fact]
    public async Task Messages_Go_Both_Ways_The_Close_Handshake_Is_Relayed_And_Nothing_Is_Stored()
    {
        await using var origin = await KestrelOrigin.StartAsync("echo");
        await using var c = await Conversation.StartAsync(s => s with { Zones = [s.Zones[0] with { Origin = origin.Uri, Pool = null }] });
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Host", TestSettings.Host);
        socket.Options.SetRequestHeader("Keep-Alive", "timeout=5");
        var proxy = new UriBuilder(c.Client.Listener) { Scheme = "ws", Path = "/ws" }.Uri;
        await socket.ConnectAsync(proxy, CancellationToken.None);

        foreach (var message in new[] { "hello", "second message" })
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            Assert.Equal("echo: " + message, await ReceiveText(socket));
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye from client", CancellationToken.None);
        Assert.Equal(WebSocketState.Closed, socket.State);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        Assert.Equal("bye from origin", socket.CloseStatusDescription);

        var seen = Assert.Single(origin.Requests);
        Assert.Equal("1.1 lacquer", seen["Via"].ToString());
        Assert.Equal(TestSettings.Host, seen["Host"].ToString());
        Assert.Equal("websocket", seen["Upgrade"].ToString());
        Assert.False(seen.ContainsKey("Keep-Alive"));

        var stats = await Stats.Read(c.Admin);
        Assert.Equal((0, 0, 0), (stats.Misses, stats.Hits, stats.Objects));
    }

    [Fact]
    public async Task Over_Http2_An_Extended_Connect_WebSocket_Reaches_The_Http11_Origin_Both_Ways_And_Nothing_Is_Stored()
    {
        await using var origin = await KestrelOrigin.StartAsync("echo");
        var plain = new Uri("http://127.0.0.1:0");
        await using var c = await Conversation.StartAsync(s => s with
        {
            Listen = new ListenSettings([plain], s.Listen.Admin) { H2c = [plain] },
            Zones = [s.Zones[0] with { Origin = origin.Uri, Pool = null }],
        });
        using var handler = new SocketsHttpHandler();
        using var invoker = new HttpMessageInvoker(handler);
        using var socket = new ClientWebSocket();
        socket.Options.HttpVersion = HttpVersion.Version20;
        socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Host", TestSettings.Host);
        await socket.ConnectAsync(new UriBuilder(c.Server.ProxyUri) { Scheme = "ws", Path = "/ws" }.Uri, invoker, CancellationToken.None);

        // RFC 8441: the listener speaks only HTTP/2 (h2c), so the socket was opened with an extended CONNECT (200).
        Assert.Equal(HttpStatusCode.OK, socket.HttpStatusCode);
        await socket.SendAsync(Encoding.UTF8.GetBytes("over h2"), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        Assert.Equal("echo: over h2", await ReceiveText(socket));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye from client", CancellationToken.None);
        Assert.Equal("bye from origin", socket.CloseStatusDescription);

        var seen = Assert.Single(origin.Requests);
        Assert.Equal("websocket", seen["Upgrade"].ToString());
        Assert.Equal(TestSettings.Host, seen["Host"].ToString());
        var stats = await Stats.Read(c.Admin);
        Assert.Equal((0, 0, 0), (stats.Misses, stats.Hits, stats.Objects));
    }

    [Fact]
    public async Task Fields_The_Upgrade_Request_Names_In_Connection_Are_Not_Forwarded()
    {
        await using var origin = await KestrelOrigin.StartAsync("echo");
        await using var c = await Conversation.StartAsync(s => s with { Zones = [s.Zones[0] with { Origin = origin.Uri, Pool = null }] });
        using var client = await RawClient.ConnectAsync(c.Client.Listener);

        // The listener shortens "Upgrade, X-Secret" to "Upgrade"; the field as sent still names X-Secret.
        await client.SendAsync(
            "GET /ws HTTP/1.1\r\nHost: test.example\r\nConnection: Upgrade, X-Secret\r\nUpgrade: websocket\r\n" +
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nX-Secret: client-only\r\nX-Kept: yes\r\n\r\n");
        var response = await client.ReadResponseAsync();

        Assert.Equal(101, response.Status);
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", response.Header("Sec-WebSocket-Accept"));
        var seen = Assert.Single(origin.Requests);
        Assert.False(seen.ContainsKey("X-Secret"));
        Assert.Equal("yes", seen["X-Kept"].ToString());
    }

    [Fact]
    public async Task A_WebSocket_Idle_For_The_Zone_Timeout_Is_Closed()
    {
        await using var origin = await KestrelOrigin.StartAsync("echo");
        await using var c = await Conversation.StartAsync(s => s with
        {
            Zones = [s.Zones[0] with { Origin = origin.Uri, Pool = null, UpgradeIdleTimeout = TimeSpan.FromSeconds(1) }],
        });
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Host", TestSettings.Host);
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await socket.ConnectAsync(new UriBuilder(c.Client.Listener) { Scheme = "ws", Path = "/ws" }.Uri, CancellationToken.None);
        await socket.SendAsync("ping"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        Assert.Equal("echo: ping", await ReceiveText(socket));

        // Nothing more is sent either way: the proxy's idle timeout (the forwarder's activity timeout, real time)
        // ends the connection, which the client sees as the end of the stream. The safety net only fails the test.
        using var safetyNet = new CancellationTokenSource(Progress.SafetyNet);
        var ended = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var buffer = new byte[16];
            var received = await socket.ReceiveAsync(buffer, safetyNet.Token);
            throw new WebSocketException($"received {received.MessageType}");
        });
        Assert.False(safetyNet.IsCancellationRequested, $"the idle connection was not closed: {ended.Message}");
    }

    private static async Task<string> ReceiveText(ClientWebSocket socket)
    {
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
        Assert.Equal(WebSocketMessageType.Text, received.MessageType);
        Assert.True(received.EndOfMessage);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }
}
