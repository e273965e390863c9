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
