// What a miss allocates: a unique URL through the real proxy listener, forwarded to an origin that answers a
// 1 KiB storable body, stored, and written to the client. Measured as the whole process's allocations around
// the misses, with an origin and a client that reuse their buffers (each allocates nothing per request), so
// that what is counted is the proxy's: the forward (request message, headers, connection pool), the head read,
// the fill and the stored entry, the response. The clock is the system's, as in production: the origin timeout's
// timer is part of what a miss costs, and the manual clock's timers are not.
using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Lacquer.Harness;
using Lacquer.Hosting;
using Microsoft.Extensions.Logging;

namespace Lacquer.Caching;

[Collection(AllocationMeasurement.Name)]
public sealed class MissAllocationTests
{
    private const int BodyBytes = 1024;
    private const int Misses = 400;
    private const int Batches = 4;

    [Fact]
    public async Task A_Miss_Allocates_A_Bounded_Number_Of_Bytes()
    {
        await using var origin = FixedOrigin.Start(BodyBytes);
        var settings = TestSettings.For(TestSettings.Zone(origin.Uri));
        await using var server = await LacquerServer.StartAsync(settings, TimeProvider.System, builder => builder.SetMinimumLevel(LogLevel.None));

        using var client = await CountingClient.ConnectAsync(server.ProxyUri, status: 200);
        var requests = new MissRequests();
        for (var i = 0; i < 200; i++)
        {
            await client.ExchangeAsync(requests.For(i)); // warms the JIT, the pools and the origin connection up
        }

        var perMiss = await AllocationMeasurement.LeastPerOperationAsync(Batches, Misses / Batches, async batch =>
        {
            for (var i = 0; i < Misses / Batches; i++)
            {
                Assert.Equal(BodyBytes, await client.ExchangeAsync(requests.For(1_000_000 + (batch * Misses / Batches) + i)));
            }
        });
        Assert.Equal(200 + Misses, origin.Requests);

        // The stored entry keeps about 1.4 KB of this (its body, key and fields); the rest is the forward, the
        // origin's head and the response. Before the head was read into one list sized once (single-line fields
        // without an array each), the stored fields copied once, GET sent with the shared method, the origin's
        // URI prefix computed once and the Cache-Status member reused, a miss allocated 10.2 KB here in a Release
        // build, 11.4 KB in a Debug build (whose async methods allocate their state machines even when they finish
        // synchronously); after, 8.7 KB and 10.0 KB.
#if DEBUG
        const int bound = 10_700;
#else
        const int bound = 9_400;
#endif
        Assert.True(perMiss < bound, $"a 1 KiB miss allocated {perMiss} bytes (bound {bound})");
    }

    /// <summary>
    /// An origin that answers every request on a connection with the same storable 1 KiB response, the fields the
    /// kit's nginx sends, from one prebuilt buffer.
    /// </summary>
    private sealed class FixedOrigin : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly byte[] _response;
        private readonly CancellationTokenSource _stopping = new();
        private readonly List<Socket> _sockets = [];
        private Task _accepting = Task.CompletedTask;
        private int _requests;

        private FixedOrigin(TcpListener listener, byte[] response)
        {
            _listener = listener;
            _response = response;
            Uri = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        }

        public Uri Uri { get; }

        public int Requests => Volatile.Read(ref _requests);

        public static FixedOrigin Start(int bodyBytes)
        {
            var head = "HTTP/1.1 200 OK\r\nServer: nginx\r\nDate: Sun, 22 Nov 2026 12:00:00 GMT\r\n"
                + $"Content-Type: application/octet-stream\r\nContent-Length: {bodyBytes}\r\n"
                + "Last-Modified: Sun, 22 Nov 2026 11:00:00 GMT\r\nConnection: keep-alive\r\nETag: \"6921a1b0-400\"\r\n"
                + "Cache-Control: public, max-age=86400\r\nAccept-Ranges: bytes\r\n\r\n";
            byte[] response = [.. Encoding.ASCII.GetBytes(head), .. Bodies.Pattern(bodyBytes, seed: 7)];
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var origin = new FixedOrigin(listener, response);
            origin._accepting = origin.AcceptAsync();
            return origin;
        }

        private async Task AcceptAsync()
        {
            var serving = new List<Task>();
            try
            {
                while (true)
                {
                    var socket = await _listener.AcceptSocketAsync(_stopping.Token);
                    lock (_sockets)
                    {
                        _sockets.Add(socket);
                    }

                    serving.Add(ServeAsync(socket));
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped.
            }

            await Task.WhenAll(serving);
        }

        private async Task ServeAsync(Socket socket)
        {
            var buffer = new byte[4096];
            var filled = 0;
            try
            {
                while (true)
                {
                    var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stopping.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    filled += read;
                    int end;
                    while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) >= 0)
                    {
                        Interlocked.Increment(ref _requests);
                        await socket.SendAsync(_response, SocketFlags.None, _stopping.Token);
                        buffer.AsSpan(end + 4, filled - end - 4).CopyTo(buffer);
                        filled -= end + 4;
                    }
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The proxy closed the connection, or the origin stopped.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stopping.CancelAsync();
            _listener.Stop();
            lock (_sockets)
            {
                _sockets.ForEach(socket => socket.Dispose());
            }

            await _accepting;
            _stopping.Dispose();
        }
    }

    /// <summary>Requests of /m/&lt;n&gt;, written into one reused buffer.</summary>
    private sealed class MissRequests
    {
        private static readonly byte[] Start = "GET /m/"u8.ToArray();
        private static readonly byte[] End = Encoding.ASCII.GetBytes($" HTTP/1.1\r\nHost: {TestSettings.Host}\r\n\r\n");
        private readonly byte[] _request = new byte[256];

        public ReadOnlyMemory<byte> For(int n)
        {
            Start.CopyTo(_request, 0);
            Assert.True(Utf8Formatter.TryFormat(n, _request.AsSpan(Start.Length), out var digits));
            End.CopyTo(_request, Start.Length + digits);
            return _request.AsMemory(0, Start.Length + digits + End.Length);
        }
    }
}
