// A real origin for pool and upgrade tests: Kestrel on 127.0.0.1 that answers every GET with its own name (not
// storable, so each request reaches an origin), /healthz with 200 (503 once the test sets Healthy false),
// /hold/... only once the test releases it (an exchange kept in flight, for load-aware policies), and /ws as a
// WebSocket echo that relays the client's close handshake back. It can be stopped and started again on the same
// port, to play an origin that goes down and comes back. The request fields of every request are kept for
// assertions.
using System.Collections.Concurrent;
using System.Net.WebSockets;
using Lacquer.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lacquer.Harness;

internal sealed class KestrelOrigin : IAsyncDisposable
{
    private readonly string _name;
    private readonly bool _http2Only;
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2? _certificate;
    private WebApplication? _app;
    private int _pageRequests;
    private int _holding;
    private bool _healthy = true;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private KestrelOrigin(string name, bool http2Only, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate)
    {
        _name = name;
        _http2Only = http2Only;
        _certificate = certificate;
    }

    public Uri Uri { get; private set; } = null!;

    /// <summary>Requests for anything but /healthz and /hold/..., so far.</summary>
    public int PageRequests => Volatile.Read(ref _pageRequests);

    public ConcurrentQueue<IHeaderDictionary> Requests { get; } = new();

    /// <summary>What /healthz answers: 200 while true, 503 while false.</summary>
    public bool Healthy
    {
        get => Volatile.Read(ref _healthy);
        set => Volatile.Write(ref _healthy, value);
    }

    /// <summary>Requests for /hold/... waiting for <see cref="ReleaseHeld"/> now.</summary>
    public int Holding => Volatile.Read(ref _holding);

    /// <summary>Lets every held request answer; later ones are held again.</summary>
    public void ReleaseHeld() => Interlocked.Exchange(ref _release, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>The protocol of each page request (HTTP/1.1, HTTP/2).</summary>
    public ConcurrentQueue<string> Protocols { get; } = new();

    /// <param name="http2Only">Speak only HTTP/2 over plain TCP (prior knowledge, h2c), as an origin configured for it would.</param>
    /// <param name="certificate">Serve https with this certificate (made by the test; no key is committed).</param>
    public static async Task<KestrelOrigin> StartAsync(string name, bool http2Only = false, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        var origin = new KestrelOrigin(name, http2Only, certificate);
        await origin.StartOnAsync(new Uri(certificate is null ? "http://127.0.0.1:0" : "https://127.0.0.1:0"));
        return origin;
    }

    /// <summary>Starts again on the port it had.</summary>
    public Task RestartAsync() => StartOnAsync(Uri);

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    private async Task StartOnAsync(Uri url)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(url.GetLeftPart(UriPartial.Authority));
        if (_certificate is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            if (_certificate is { } certificate)
            {
                options.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }

            if (_http2Only)
            {
                options.ConfigureEndpointDefaults(listen => listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2);
            }
        });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(ServeAsync);
        await app.StartAsync();
        _app = app;
        Uri = BoundAddress.Of(app);
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (context.Request.Path == "/healthz")
        {
            context.Response.StatusCode = Healthy ? 200 : 503;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(Healthy ? "ok\n" : "down\n");
            return;
        }

        if (context.Request.Path.StartsWithSegments("/hold"))
        {
            var release = Volatile.Read(ref _release).Task;
            Interlocked.Increment(ref _holding);
            try
            {
                await release;
            }
            finally
            {
                Interlocked.Decrement(ref _holding);
            }

            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(_name);
            return;
        }

        Interlocked.Increment(ref _pageRequests);
        Protocols.Enqueue(context.Request.Protocol);
        Requests.Enqueue(new HeaderDictionary(context.Request.Headers.ToDictionary(field => field.Key, field => field.Value)));
        if (context.WebSockets.IsWebSocketRequest)
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await EchoAsync(socket);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(_name);
    }

    /// <summary>Echoes each message with "echo: " before it; answers a close with the client's status and reason.</summary>
    private static async Task EchoAsync(WebSocket socket)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(received.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "bye from origin", CancellationToken.None);
                return;
            }

            var reply = System.Text.Encoding.UTF8.GetBytes("echo: " + System.Text.Encoding.UTF8.GetString(buffer, 0, received.Count));
            await socket.SendAsync(reply, received.MessageType, endOfMessage: true, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
