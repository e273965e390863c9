// A large hit is written from the stored body in 64 KiB pieces (Proxy/ResponseBody.cs) through a proxy listener
// whose socket transport schedules inline (Hosting/LacquerServer.cs): each piece is copied and sent by one
// thread, with no thread-pool hop per piece. Measured as the whole process's allocations around hits through
// the real listener, read by a client that reuses one buffer and a small receive buffer (so that sends fill the
// socket and complete later, as with a real client), so that what is counted is the proxy's.
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Lacquer.Harness;

namespace Lacquer.Caching;

[Collection(AllocationMeasurement.Name)]
public sealed class LargeHitAllocationTests
{
    private const int ObjectBytes = 1024 * 1024;
    private const int Hits = 40;

    [Fact]
    public async Task A_Large_Hit_Allocates_Little_Beyond_Its_Head()
    {
        await using var c = await Conversation.StartAsync();
        var body = Bodies.Pattern(ObjectBytes, seed: 31);
        c.Origin.OnGet("/big").Handle(async context =>
        {
            context.Response.Headers.CacheControl = "max-age=600";
            await context.Response.Body.WriteAsync(body);
        });
        (await c.Client.Get("/big")).ExpectMiss().ExpectStored();

        using var client = await Reader.ConnectAsync(c.Client.Listener);
        for (var i = 0; i < 10; i++)
        {
            await client.GetAsync(); // warms the JIT and the pools up
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Hits; i++)
        {
            Assert.Equal(ObjectBytes, await client.GetAsync());
        }

        // With a thread-pool hop per piece a hit allocated 22-24 KB here (work items and boxed continuations, 16
        // pieces); inline, 3-10 KB.
        var perHit = (GC.GetTotalAllocatedBytes(precise: true) - before) / Hits;
        Assert.True(perHit < 16 * 1024, $"a 1 MiB hit allocated {perHit} bytes: each piece went through the thread pool");
        c.Origin.ExpectAllConsumed();
    }

    /// <summary>A keep-alive client that reads each response's body into one reused buffer and counts it.</summary>
    private sealed class Reader : IDisposable
    {
        private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(30);
        private static readonly byte[] Request = Encoding.ASCII.GetBytes($"GET /big HTTP/1.1\r\nHost: {TestSettings.Host}\r\n\r\n");
        private readonly Socket _socket;
        private readonly byte[] _buffer = new byte[16 * 1024];

        private Reader(Socket socket) => _socket = socket;

        public static async Task<Reader> ConnectAsync(Uri listener)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 16 * 1024 };
            await socket.ConnectAsync(listener.Host, listener.Port).WaitAsync(SafetyNet);
            return new Reader(socket);
        }

        /// <summary>Sends a GET of /big and returns its Content-Length, after reading that many body bytes.</summary>
        public async Task<long> GetAsync()
        {
            using var timeout = new CancellationTokenSource(SafetyNet);
            await _socket.SendAsync(Request, SocketFlags.None, timeout.Token);
            var filled = 0;
            int headEnd;
            while ((headEnd = _buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
            {
                var read = await _socket.ReceiveAsync(_buffer.AsMemory(filled), SocketFlags.None, timeout.Token);
                Assert.True(read > 0, "the connection closed before the head ended");
                filled += read;
            }

            var head = Encoding.ASCII.GetString(_buffer, 0, headEnd);
            Assert.StartsWith("HTTP/1.1 200", head, StringComparison.Ordinal);
            var line = head.Split("\r\n").Single(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            var length = long.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
            var remaining = length - (filled - headEnd - 4);
            while (remaining > 0)
            {
                var read = await _socket.ReceiveAsync(_buffer, SocketFlags.None, timeout.Token);
                Assert.True(read > 0, "the connection closed before the body ended");
                remaining -= read;
            }

            return length;
        }

        public void Dispose() => _socket.Dispose();
    }
}
