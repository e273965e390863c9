// An origin that speaks raw bytes (conversation tests read like HTTP transcripts: failure injected at the wire): a TcpListener on
// 127.0.0.1 with an ephemeral port whose scripted exchanges write exactly what the test gives them —
// invalid header fields, broken status lines, bodies that stop short — which a real HTTP server refuses to
// produce. Like ScriptedOrigin it answers only what was scripted: any other request gets a 599, is recorded,
// and fails ExpectAllConsumed, as does an exchange that was never used or whose handler threw.
//
// Each connection is served by one loop: read a request head (and a Content-Length body), run the first
// matching exchange, and read the next request on the same connection unless the exchange closed it.
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Lacquer.Harness;

internal sealed class RawOrigin : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly OriginScript<RawOriginConnection> _script = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private readonly ConcurrentQueue<RawRequest> _received = new();
    private readonly ConcurrentDictionary<RawOriginConnection, Task> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _accepting = Task.CompletedTask;

    private RawOrigin(TcpListener listener)
    {
        _listener = listener;
        Uri = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
    }

    public Uri Uri { get; }

    /// <summary>Requests the origin received, in arrival order.</summary>
    public IReadOnlyCollection<RawRequest> Received => _received;

    public static RawOrigin Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var origin = new RawOrigin(listener);
        origin._accepting = origin.AcceptAsync();
        return origin;
    }

    public OriginExchange<RawOriginConnection> On(string method, string target) => _script.On(method, target);

    public OriginExchange<RawOriginConnection> OnGet(string target) => On("GET", target);

    public void ExpectAllConsumed()
    {
        Assert.True(_unexpected.IsEmpty, "The raw origin saw requests nobody scripted or failing handlers: " + string.Join("; ", _unexpected));
        _script.AssertAllUsed("raw origin");
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException
                || (exception is InvalidOperationException && _stopping.IsCancellationRequested))
            {
                // A loop that comes round after DisposeAsync stopped the listener gets "not listening".
                return;
            }

            var connection = new RawOriginConnection(socket, _stopping.Token);
            _connections[connection] = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(RawOriginConnection connection)
    {
        await Task.Yield();
        try
        {
            while (!connection.Closed)
            {
                var request = await connection.ReadRequestAsync();
                if (request is null)
                {
                    return;
                }

                _received.Enqueue(request);
                var match = _script.Take(request.Method, request.Target);
                if (match is null)
                {
                    _unexpected.Enqueue($"{request.Method} {request.Target}");
                    await connection.SendAsync("HTTP/1.1 599 Unexpected\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    return;
                }

                await match.Handler(connection);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The proxy or the test closed the connection.
        }
        catch (Exception exception)
        {
            _unexpected.Enqueue($"handler failed: {exception.GetType().Name}: {exception.Message}");
        }
        finally
        {
            connection.Dispose();
            _connections.TryRemove(connection, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        foreach (var (connection, serving) in _connections)
        {
            connection.Dispose();
            try
            {
                await serving.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                // A handler still waits on the test; throwing here would hide the test's own failure.
            }
        }

        _stopping.Dispose();
    }
}
