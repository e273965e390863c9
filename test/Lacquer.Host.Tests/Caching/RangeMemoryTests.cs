// Multi-range requests against a large stored object cost memory by the part, not by the multipart body: the
// body is written as a stream from the stored one (Proxy/MultipartByteRanges.cs), and overlapping ranges are
// coalesced so that no byte is sent twice. Measured as the whole process's allocations around requests through
// the real listener, read by a client that reuses one buffer, so that what is counted is the proxy's.
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Lacquer.Harness;

namespace Lacquer.Caching;

[Collection(AllocationMeasurement.Name)]
public sealed class RangeMemoryTests
{
    private const int ObjectBytes = 7 * 1024 * 1024;
    private const int Parts = 16;
    private const int Rounds = 3;

    [Fact]
    public async Task Multi_Range_Requests_On_A_Large_Object_Allocate_Far_Less_Than_One_Copy_Of_It()
    {
        await using var c = await Conversation.StartAsync(s => s with { Cache = s.Cache with { MaxObjectBytes = 8 * 1024 * 1024 } });
        var body = Bodies.Pattern(ObjectBytes, seed: 21);
        c.Origin.OnGet("/big").Handle(async context =>
        {
            context.Response.Headers.CacheControl = "max-age=600";
            await context.Response.Body.WriteAsync(body);
        });
        (await c.Client.Get("/big")).ExpectMiss().ExpectStored();

        // Sixteen disjoint ranges covering the object (a multipart body the size of the object), and sixteen
        // whole-object ranges (sixteen times the object if each were sent).
        var slice = ObjectBytes / Parts;
        var disjoint = "bytes=" + string.Join(",", Enumerable.Range(0, Parts).Select(i => $"{i * slice}-{((i + 1) * slice) - 1}"));
        var overlapping = "bytes=" + string.Join(",", Enumerable.Repeat("0-", Parts));
        using var client = await Reader.ConnectAsync(c.Client.Listener);
        await client.GetAsync(disjoint); // warms the JIT and the pools up
        await client.GetAsync(overlapping);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var lengths = new List<long>();
        for (var i = 0; i < Rounds; i++)
        {
            lengths.Add(await client.GetAsync(disjoint));
            lengths.Add(await client.GetAsync(overlapping));
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(
            allocated < ObjectBytes / 4,
            $"{2 * Rounds} multi-range responses ({lengths.Sum()} bytes) allocated {allocated} bytes: the multipart bodies were built in memory.");

        // The disjoint ranges came as one multipart body a little longer than the object; the overlapping ones as the object once.
        Assert.All(lengths.Where((_, i) => i % 2 == 0), length => Assert.InRange(length, ObjectBytes, ObjectBytes + (Parts * 200)));
        Assert.All(lengths.Where((_, i) => i % 2 == 1), length => Assert.Equal(ObjectBytes, length));
        c.Origin.ExpectAllConsumed();
    }

    /// <summary>A keep-alive client that reads each response's body into one reused buffer and counts it.</summary>
    private sealed class Reader : IDisposable
    {
        private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(30);
        private readonly Socket _socket;
        private readonly byte[] _buffer = new byte[256 * 1024];

        private Reader(Socket socket) => _socket = socket;

        public static async Task<Reader> ConnectAsync(Uri listener)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(listener.Host, listener.Port).WaitAsync(SafetyNet);
            return new Reader(socket);
        }

        /// <summary>Sends a GET of /big with the range and returns the Content-Length of its 206, after reading that many bytes.</summary>
        public async Task<long> GetAsync(string range)
        {
            using var timeout = new CancellationTokenSource(SafetyNet);
            var request = Encoding.ASCII.GetBytes($"GET /big HTTP/1.1\r\nHost: {TestSettings.Host}\r\nRange: {range}\r\n\r\n");
            await _socket.SendAsync(request, SocketFlags.None, timeout.Token);

            // The head: read until the blank line; what follows it in the buffer is the start of the body.
            var filled = 0;
            int headEnd;
            while ((headEnd = _buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
            {
                filled += await ReceiveAsync(filled, timeout.Token);
            }

            var head = Encoding.ASCII.GetString(_buffer, 0, headEnd);
            Assert.StartsWith("HTTP/1.1 206 ", head, StringComparison.Ordinal);
            var length = long.Parse(Field(head, "Content-Length"), CultureInfo.InvariantCulture);
            var remaining = length - (filled - headEnd - 4);
            while (remaining > 0)
            {
                remaining -= await ReceiveAsync(0, timeout.Token);
            }

            Assert.Equal(0, remaining); // the next response has not started: the proxy sent exactly Content-Length
            return length;
        }

        private async ValueTask<int> ReceiveAsync(int offset, CancellationToken cancellationToken)
        {
            var read = await _socket.ReceiveAsync(_buffer.AsMemory(offset), SocketFlags.None, cancellationToken);
            Assert.True(read > 0, "The proxy closed the connection in the middle of a response.");
            return read;
        }

        private static string Field(string head, string name)
        {
            foreach (var line in head.Split("\r\n"))
            {
                if (line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
                {
                    return line[(name.Length + 1)..].Trim();
                }
            }

            throw new InvalidOperationException($"The response has no {name}: {head}");
        }

        public void Dispose() => _socket.Dispose();
    }
}
