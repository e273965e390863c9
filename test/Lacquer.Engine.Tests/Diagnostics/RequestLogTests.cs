// The request log's channel: a request never waits for the writer. With the writer stuck in a write, the
// channel fills to its capacity and every further entry is dropped and counted; once the writer moves on,
// every entry that was taken is written.
using System.Net;
using System.Text;

namespace Lacquer.Diagnostics;

public sealed class RequestLogTests
{
    [Fact]
    public async Task A_Full_Channel_Drops_And_Counts_Instead_Of_Blocking()
    {
        const int capacity = 4;
        const int extra = 7;
        var output = new GatedStream();
        var log = new RequestLog(output, RequestLogFormat.Combined, capacity);

        // The first entry reaches the writer, which then blocks inside its write.
        Assert.True(log.TryWrite(Entry(0)));
        await output.WriteStarted.WaitAsync(TimeSpan.FromSeconds(30));

        for (var i = 1; i <= capacity; i++)
        {
            Assert.True(log.TryWrite(Entry(i)), $"entry {i} fits the channel");
        }

        for (var i = 0; i < extra; i++)
        {
            Assert.False(log.TryWrite(Entry(100 + i)), "a full channel refuses at once");
        }

        Assert.Equal(extra, log.Dropped);

        output.Release();
        await log.DisposeAsync();
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(capacity + 1, lines.Length);
        for (var i = 0; i <= capacity; i++)
        {
            Assert.Contains($"\"GET /item/{i} HTTP/1.1\"", lines[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Offering_An_Entry_Allocates_Nothing_On_The_Requests_Thread()
    {
        const int capacity = 1000;
        var output = new GatedStream();
        var log = new RequestLog(output, RequestLogFormat.Combined, capacity);
        var entry = Entry(1);

        // Warm-up: fill the channel once while the writer is held, so that its queue has grown to full size.
        Assert.True(log.TryWrite(entry));
        await output.WriteStarted.WaitAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < capacity; i++)
        {
            Assert.True(log.TryWrite(entry));
        }

        output.Release();
        var spin = new SpinWait();
        for (var round = 0; log.Written < capacity + 1 && round < 10_000_000; round++)
        {
            spin.SpinOnce(); // waits on the writer's progress, bounded
        }

        Assert.Equal(capacity + 1, log.Written);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < capacity; i++)
        {
            log.TryWrite(entry);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        await log.DisposeAsync();
        Assert.Equal(0, allocated);
        Assert.Equal(0, log.Dropped);
    }

    [Fact]
    public void Combined_Quoted_Fields_Escape_Quotes_Backslashes_And_Controls()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        RequestLogLine.WriteCombined(buffer, Entry(1) with { Target = "/a\"b\\c\u0001", UserAgent = "x\ny" });
        var line = Encoding.UTF8.GetString(buffer.WrittenSpan);

        Assert.Contains("\"GET /a\\x22b\\x5Cc\\x01 HTTP/1.1\"", line, StringComparison.Ordinal);
        Assert.Contains("\"x\\x0Ay\"", line, StringComparison.Ordinal);
        Assert.Equal(1, line.Count(c => c == '\n'));
        Assert.EndsWith("zone=test cache=hit duration=0.001000 origin=-\n", line, StringComparison.Ordinal);
    }

    private static RequestLogEntry Entry(int i) => new(
        new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero),
        IPAddress.Loopback,
        "GET",
        "test.example",
        $"/item/{i}",
        "HTTP/1.1",
        200,
        10,
        TimeSpan.FromMilliseconds(1),
        CacheOutcome.Hit,
        "test",
        null,
        "",
        "");

    /// <summary>A memory stream whose writes wait until Release; WriteStarted completes when the first write begins.</summary>
    private sealed class GatedStream : MemoryStream
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task WriteStarted => _started.Task;

        public void Release() => _released.TrySetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _started.TrySetResult();
            await _released.Task;
            await base.WriteAsync(buffer, cancellationToken);
        }
    }
}
