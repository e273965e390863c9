// The caps on upgraded connections open at once (maxUpgradesPerClient, maxUpgrades), through real sockets: a
// Kestrel origin echoes WebSocket messages; clients connect from distinct loopback addresses (127.0.0.1,
// 127.0.0.2, …) so that the proxy sees distinct peers. A client at its cap is answered a plain-text 429 and
// nothing reaches the origin, while other clients still connect; at the total cap everyone is answered 503.
// A slot comes back when its tunnel ends, whether by the close handshake, an abort or the idle timeout. Behind
// a trusted proxy the client is the one the proxy states; an untrusted peer's own X-Forwarded-For changes
// nothing. Waits are on the limiter's counts (observable progress), never on the clock.
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Lacquer.Configuration;
using Lacquer.Diagnostics;
using Lacquer.Harness;

namespace Lacquer.Forwarding;

public sealed class UpgradeLimitTests
{
    private static readonly IPAddress First = IPAddress.Parse("127.0.0.1");
    private static readonly IPAddress Second = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Third = IPAddress.Parse("127.0.0.3");

    private static Func<LacquerSettings, LacquerSettings> Caps(KestrelOrigin origin, int perClient, int total, TimeSpan? idle = null) => s => s with
    {
        Upgrades = new UpgradeLimits(perClient, total),
        Zones = [s.Zones[0] with { Origin = origin.Uri, Pool = null, UpgradeIdleTimeout = idle ?? ZoneSettings.DefaultUpgradeIdleTimeout }],
    };

    [Fact]
    public async Task A_Client_At_Its_Cap_Is_Answered_429_Without_Reaching_The_Origin_While_Another_Client_Connects()
    {
        await using var origin = await KestrelOrigin.StartAsync("echo");
        await using var c = await Conversation.StartAsync(Caps(origin, perClient: 2, total: 100));
        using var one = await WebSocketFrom(c, First);
        using var two = await WebSocketFrom(c, First);
        await ExpectEcho(two, "second");

        var refused = await ExpectRefused(c, First, 429);

        Assert.Equal("text/plain; charset=utf-8", refused.Header("Content-Type"));
        Assert.Equal("Lacquer; detail=upgrade-client-limit", refused.Header("Cache-Status"));
        Assert.Equal("Lacquer: this client has too many upgraded connections (WebSockets) open; close one and try again.\n", refused.Text);
        Assert.Equal(2, origin.PageRequests);

        // Another address is another client: its own count is 0.
        using var other = await WebSocketFrom(c, Second);
        await ExpectEcho(other, "from another client");
        Assert.Equal(3, origin.PageRequests);

        var limiter = c.Server.Proxy.Origin.Upgrades.Limiter;
        Assert.Equal((2, 1, 3), (limiter.OpenFrom(First), limiter.OpenFrom(Second), limiter.Open));
        var metrics = new Exposition((await c.Admin.Get("/metrics")).ExpectStatus(200).Text);
        Assert.Equal(1, metrics.Value("lacquer_upgrades_refused_total", "zone=\"test\"", "limit=\"client\""));
        Assert.Equal(3, metrics.Value("lacquer_upgrades_open"));
    }

    [Fact]
    public async Task At_The_Total_Cap_Every_Client_Is_Answered_503_Without_Reaching_The_Origin()
    {
        await using var origin = await KestrelOrigin.StartAsync("echo");
        await using var c = await Conversation.StartAsync(Caps(origin, perClient: 2, total: 2));
        using var one = await WebSocketFrom(c, First);
        using var two = await WebSocketFrom(c, Second);

        var refused = await ExpectRefused(c, Third, 503);

        Assert.Equal("Lacquer; detail=upgrade-limit", refused.Header("Cache-Status"));
        Assert.Equal("Lacquer: too many upgraded connections (WebSockets) are open; try again later.\n", refused.Text);
        Assert.Equal(2, origin.PageRequests);

        // A plain request is not an upgrade and is not capped.
        (await c.Client.Get("/page")).ExpectStatus(200).ExpectBody("echo");

        var metrics = new Exposition((await c.Admin.Get("/metrics")).ExpectStatus(200).Text);
        Assert.Equal(1, metrics.Value("lacquer_upgrades_refused_total", "zone=\"test\"", "limit=\"total\""));
    }

    [Fact]
    public async Task The_Slot_Comes_Back_After_A_Close_Handshake_And_After_An_Abort()
    {
        await using var origin = await KestrelOrigin.StartAsync("echo");
        await using var c = await Conversation.StartAsync(Caps(origin, perClient: 1, total: 100));
        var limiter = c.Server.Proxy.Origin.Upgrades.Limiter;

        // Closed with the close handshake.
        using (var socket = await WebSocketFrom(c, First))
        {
            await ExpectRefused(c, First, 429);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            Assert.Equal(WebSocketState.Closed, socket.State);
        }

        await Progress.Until(() => limiter.OpenFrom(First) == 0, "the closed WebSocket gives its slot back");

        // Dropped by the client without a close frame: the relay ends when the socket does.
        using (var raw = await RawClient.ConnectAsync(c.Client.Listener, from: First))
        {
            await raw.SendAsync(UpgradeRequest());
            Assert.Equal(101, (await raw.ReadResponseAsync()).Status);
            await ExpectRefused(c, First, 429);
            raw.Abort();
        }

        await Progress.Until(() => limiter.OpenFrom(First) == 0, "the aborted tunnel gives its slot back");

        using var last = await WebSocketFrom(c, First);
        await ExpectEcho(last, "after the abort");
        Assert.Equal(3, origin.PageRequests);
        Assert.Equal(1, limiter.Open);
    }

    [Fact]
    public async Task The_Slot_Comes_Back_When_The_Idle_Timeout_Closes_The_Tunnel()
    {
        await using var origin = await KestrelOrigin.StartAsync("echo");
        await using var c = await Conversation.StartAsync(Caps(origin, perClient: 1, total: 100, idle: TimeSpan.FromSeconds(1)));
        var limiter = c.Server.Proxy.Origin.Upgrades.Limiter;
        using var idle = await WebSocketFrom(c, First);
        Assert.Equal(1, limiter.OpenFrom(First));

        // Nothing is sent: the relay's idle timeout (the forwarder's activity timeout, real time) ends it.
        await Progress.Until(() => limiter.OpenFrom(First) == 0, "the idle tunnel is closed and gives its slot back");

        using var next = await WebSocketFrom(c, First);
        await ExpectEcho(next, "after the idle one");
    }

    [Fact]
    public async Task Behind_A_Trusted_Proxy_The_Stated_Client_Counts_And_An_Untrusted_Peer_Cannot_Escape_Its_Cap()
    {
        await using var origin = await KestrelOrigin.StartAsync("echo");
        await using var c = await Conversation.StartAsync(s => Caps(origin, perClient: 1, total: 100)(s) with
        {
            TrustedProxies = [new IPNetwork(First, 32)],
        });

        // The trusted proxy (127.0.0.1) relays two clients: each has its own slot, and the stated one is capped.
        using var a = await RawUpgrade(c, First, "X-Forwarded-For: 198.51.100.9, 203.0.113.7");
        using var b = await RawUpgrade(c, First, "Forwarded: for=\"[2001:db8::5]:4711\";proto=https");
        await ExpectRefused(c, First, 429, "X-Forwarded-For: 203.0.113.7");
        var limiter = c.Server.Proxy.Origin.Upgrades.Limiter;
        Assert.Equal((1, 1, 0), (limiter.OpenFrom(IPAddress.Parse("203.0.113.7")), limiter.OpenFrom(IPAddress.Parse("2001:db8::5")), limiter.OpenFrom(First)));

        // 127.0.0.2 is not trusted: what it claims to forward for is its own claim, and its address counts.
        using var own = await RawUpgrade(c, Second, "X-Forwarded-For: 203.0.113.50");
        await ExpectRefused(c, Second, 429, "X-Forwarded-For: 203.0.113.51");
        Assert.Equal(1, limiter.OpenFrom(Second));
        Assert.Equal(3, origin.PageRequests);
    }

    [Fact]
    public async Task An_Http2_Extended_Connect_Over_The_Cap_Is_Answered_429()
    {
        await using var origin = await KestrelOrigin.StartAsync("echo");
        var plain = new Uri("http://127.0.0.1:0");
        await using var c = await Conversation.StartAsync(s => Caps(origin, perClient: 1, total: 100)(s) with
        {
            Listen = new ListenSettings([plain], s.Listen.Admin) { H2c = [plain] },
        });
        using var handler = new SocketsHttpHandler();
        using var invoker = new HttpMessageInvoker(handler);
        var target = new UriBuilder(c.Server.ProxyUri) { Scheme = "ws", Path = "/ws" }.Uri;
        using var open = Http2WebSocket();
        await open.ConnectAsync(target, invoker, CancellationToken.None);
        await ExpectEcho(open, "over h2");

        using var refused = Http2WebSocket();
        await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(target, invoker, CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.HttpStatusCode);
        Assert.Equal(1, origin.PageRequests);
    }

    [Fact]
    public async Task A_Reload_Raises_The_Cap_For_New_Upgrades()
    {
        await using var origin = await KestrelOrigin.StartAsync("echo");
        LacquerSettings? started = null;
        await using var c = await Conversation.StartAsync(s => started = Caps(origin, perClient: 1, total: 100)(s));
        using var one = await WebSocketFrom(c, First);
        await ExpectRefused(c, First, 429);

        Assert.True(c.Server.Reload(new ConfigResult(started! with { Upgrades = new UpgradeLimits(2, 100) }, [])).LastReloadApplied);

        using var two = await WebSocketFrom(c, First);
        await ExpectEcho(two, "after the reload");
        Assert.Equal(2, c.Server.Proxy.Origin.Upgrades.Limiter.OpenFrom(First));
    }

    private static ClientWebSocket Http2WebSocket()
    {
        var socket = new ClientWebSocket();
        socket.Options.HttpVersion = HttpVersion.Version20;
        socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Host", TestSettings.Host);
        return socket;
    }

    /// <summary>A WebSocket opened through the proxy from <paramref name="from"/> (a loopback address), proven open by one echo.</summary>
    private static async Task<ClientWebSocket> WebSocketFrom(Conversation c, IPAddress from)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Host", TestSettings.Host);
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await socket.ConnectAsync(new UriBuilder(c.Client.Listener) { Scheme = "ws", Path = "/ws" }.Uri, invoker, CancellationToken.None);
        await ExpectEcho(socket, "open");
        return socket;
    }

    /// <summary>An upgrade sent raw from <paramref name="from"/> with extra header lines, answered 101 (the tunnel stays open).</summary>
    private static async Task<RawClient> RawUpgrade(Conversation c, IPAddress from, params string[] headers)
    {
        var client = await RawClient.ConnectAsync(c.Client.Listener, from: from);
        await client.SendAsync(UpgradeRequest(headers));
        Assert.Equal(101, (await client.ReadResponseAsync()).Status);
        return client;
    }

    /// <summary>An upgrade sent raw from <paramref name="from"/>, answered with <paramref name="status"/> instead of 101.</summary>
    private static async Task<RawResponse> ExpectRefused(Conversation c, IPAddress from, int status, params string[] headers)
    {
        using var client = await RawClient.ConnectAsync(c.Client.Listener, from: from);
        await client.SendAsync(UpgradeRequest(headers));
        var response = await client.ReadResponseAsync();
        Assert.Equal(status, response.Status);
        return response;
    }

    private static string UpgradeRequest(params string[] headers) =>
        "GET /ws HTTP/1.1\r\nHost: test.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
        "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
        string.Concat(headers.Select(line => line + "\r\n")) + "\r\n";

    private static async Task ExpectEcho(ClientWebSocket socket, string message)
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
        Assert.Equal("echo: " + message, Encoding.UTF8.GetString(buffer, 0, received.Count));
    }
}
