// Graceful shutdown through the real executable (docs/edge.md, "Stopping"): on SIGTERM the proxy listener stops
// accepting at once — a new connection is refused — while a request already in flight through Lacquer runs to
// its end, and then the process exits 0. A request still running when shutdownTimeout ends is cut off, and the
// process exits 0 all the same. The origin holds the request until the test lets it go, so the order is proven,
// not timed.
using System.Net.Sockets;
using Lacquer.Harness;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Hosting;

public sealed class ShutdownProcessTests : IAsyncDisposable
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("lacquer-shutdown-");
    private ScriptedOrigin? _origin;

    [Fact]
    public async Task Sigterm_Refuses_New_Connections_Lets_The_Request_In_Flight_Finish_And_Exits_0()
    {
        var (server, client, inFlight) = await RequestInFlightAsync(shutdownTimeout: "1m");
        await using var running = server;
        using var proxyClient = client;

        server.Signal("TERM");
        await server.ReadLineContaining("Stopping: the proxy listeners accept no new connections; requests in flight have up to 60s");
        await Progress.Until(() => Refused(server.Proxy), "a new connection to the proxy listener is refused");
        Assert.False(inFlight.IsCompleted);

        _release.SetResult();
        (await inFlight).ExpectStatus(200).ExpectBody("finished after SIGTERM");
        Assert.Equal(0, await server.ExitCode());
        await server.ReadLineContaining("Stopped: the proxy listeners are closed");
        Assert.DoesNotContain("Unhandled exception", await server.StdErr, StringComparison.Ordinal);
        _origin!.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Request_Still_Running_When_ShutdownTimeout_Ends_Is_Cut_Off_And_The_Process_Exits_0()
    {
        var (server, client, inFlight) = await RequestInFlightAsync(shutdownTimeout: "0s");
        await using var running = server;
        using var proxyClient = client;

        server.Signal("TERM");

        // The origin never answers; the server does not wait for it (well within the 30s it would wait by default).
        Assert.Equal(0, await server.ExitCode(within: TimeSpan.FromSeconds(15)));
        await Assert.ThrowsAsync<HttpRequestException>(() => inFlight);
        Assert.DoesNotContain("Unhandled exception", await server.StdErr, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        if (_origin is not null)
        {
            await _origin.DisposeAsync();
        }

        _directory.Delete(recursive: true);
    }

    /// <summary>
    /// Starts the server in front of an origin whose /slow answers only when the test releases it, and sends a
    /// request for /slow that has reached the origin.
    /// </summary>
    private async Task<(ServerProcess Server, ProxyClient Client, Task<Exchange> InFlight)> RequestInFlightAsync(string shutdownTimeout)
    {
        _origin = await ScriptedOrigin.StartAsync(TimeProvider.System);
        _origin.OnGet("/slow").Handle(async context =>
        {
            _arrived.TrySetResult();
            await _release.Task;
            await context.Response.WriteAsync("finished after SIGTERM");
        });
        var file = Path.Combine(_directory.FullName, "lacquer.json");
        await File.WriteAllTextAsync(file, $$"""
            {
              "listen": { "proxy": "http://127.0.0.1:0", "admin": "http://127.0.0.1:0" },
              "shutdownTimeout": "{{shutdownTimeout}}",
              "zones": [ { "name": "a", "id": "0123456789abcdef0123456789abcdef", "hosts": ["a.example"], "origin": "{{_origin.Uri}}" } ]
            }
            """);
        var server = await ServerProcess.StartAsync(file);
        var client = new ProxyClient(server.Proxy, "a.example");
        var inFlight = client.Get("/slow");
        await _arrived.Task.WaitAsync(ServerProcess.Patience);
        return (server, client, inFlight);
    }

    /// <summary>Whether a connection attempt to <paramref name="listener"/> is refused (a connection that is accepted is closed again).</summary>
    private static bool Refused(Uri listener)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(listener.Host, listener.Port);
            return false;
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
        {
            // The listening socket was closing while this attempt sat in its backlog; the next one tells.
            return false;
        }
    }
}
