// Owns: the request log, one line per request (docs/observability.md, "Request log"). A request only
// offers its entry to a bounded channel (TryWrite: no lock held across I/O, never a wait); one background
// task drains the channel, formats the lines and writes them, flushing whenever the channel runs empty.
// When the writer falls behind and the channel is full, the entry is dropped and counted (Dropped, exported
// as lacquer_request_log_dropped_total): a slow disk never slows serving.
using System.Buffers;
using System.Threading.Channels;

namespace Lacquer.Diagnostics;

internal sealed class RequestLog : IAsyncDisposable
{
    /// <summary>Entries waiting for the writer before new ones are dropped.</summary>
    public const int DefaultCapacity = 8192;

    private const int BatchBytes = 32 * 1024;

    private readonly Channel<RequestLogEntry> _channel;
    private readonly Stream _output;
    private readonly bool _ownsOutput;
    private readonly RequestLogFormat _format;
    private readonly Task _writer;
    private long _dropped;
    private long _written;

    public RequestLog(Stream output, RequestLogFormat format, int capacity = DefaultCapacity, bool ownsOutput = true)
    {
        _output = output;
        _ownsOutput = ownsOutput;
        _format = format;
        _channel = Channel.CreateBounded<RequestLogEntry>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: a full channel answers false, never waits
            SingleReader = true,
            SingleWriter = false,
        });
        _writer = Task.Run(WriteLinesAsync);
    }

    /// <summary>Entries dropped because the channel was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Lines formatted for the output so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Offers one entry; never blocks. False (and counted) when the writer is behind.</summary>
    public bool TryWrite(in RequestLogEntry entry)
    {
        if (_channel.Writer.TryWrite(entry))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Stops taking entries, writes the ones already taken, then closes the output.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _writer;
        if (_ownsOutput)
        {
            await _output.DisposeAsync();
        }
    }

    private async Task WriteLinesAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(2 * BatchBytes);
        using var line = new RequestLogLine();
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var entry))
            {
                if (_format == RequestLogFormat.Json)
                {
                    line.WriteJson(buffer, entry);
                }
                else
                {
                    RequestLogLine.WriteCombined(buffer, entry);
                }

                Interlocked.Increment(ref _written);
                if (buffer.WrittenCount >= BatchBytes)
                {
                    await TryWriteAsync(buffer.WrittenMemory);
                    buffer.ResetWrittenCount();
                }
            }

            await TryWriteAsync(buffer.WrittenMemory);
            buffer.ResetWrittenCount();
            await TryFlushAsync();
        }
    }

    // A failing output (disk full, closed pipe) loses lines, never the server.
    private async Task TryWriteAsync(ReadOnlyMemory<byte> line)
    {
        try
        {
            await _output.WriteAsync(line);
        }
        catch (IOException)
        {
        }
    }

    private async Task TryFlushAsync()
    {
        try
        {
            await _output.FlushAsync();
        }
        catch (IOException)
        {
        }
    }
}
