// A response body that a fill reads from the origin into memory for the store while clients read it at their
// own pace (docs/request-path.md, "Filling"). One writer — the fill's copy loop — reads the origin straight into
// the free space after what has arrived and publishes it; readers take what has been published and wait on
// progress for more. Published bytes are never written again, and a buffer that grows is copied into a new
// array, so a reader can write a published range to its client without holding the lock.
//
// Memory: a body of known length gets one array of that length, which becomes the stored body without a copy.
// One of unknown length grows by doubling up to the object-size limit plus one read's worth; once more than
// the limit has arrived the body is Overflowed: the fill stops reading and the reader that drains it carries on
// from the origin itself (pass-through), so no fill ever holds more than that.
//
// Locking: _lock guards the published length, the end state, the progress signal and the buffer reference.
// The writer's unpublished count (_written) is the writer's own.
namespace Lacquer.Proxy;

internal sealed class GrowingBody
{
    private readonly Lock _lock = new();
    private readonly long _limit;
    private readonly int _capacityLimit;
    private readonly IDisposable _source;
    private byte[] _buffer;
    private int _written;
    private int _published;
    private GrowingBodyEnd _end;
    private TaskCompletionSource? _progress;
    private int _holders = 2;

    /// <param name="contentLength">The declared length, if the origin declared one (a body of that length gets exactly one array).</param>
    /// <param name="limit">The object-size limit: a body larger than this is not kept.</param>
    /// <param name="source">What the bytes come from (the origin response), disposed once both the fill and the reader let go of it.</param>
    public GrowingBody(long? contentLength, long limit, IDisposable source)
    {
        _limit = limit;
        _capacityLimit = (int)Math.Min(limit + ResponseBody.ChunkBytes, Array.MaxLength);
        _source = source;
        _buffer = contentLength is >= 0 && contentLength <= limit ? new byte[contentLength.Value] : new byte[Math.Min(4096, _capacityLimit)];
    }

    /// <summary>How the body ended; <see cref="GrowingBodyEnd.None"/> while it is still arriving.</summary>
    public GrowingBodyEnd End
    {
        get
        {
            lock (_lock)
            {
                return _end;
            }
        }
    }

    /// <summary>Bytes that arrived, published or not (the writer's view).</summary>
    public int Written => _written;

    /// <summary>
    /// Writer: room for up to <paramref name="wanted"/> more bytes right after what has arrived; empty when the
    /// body may not grow any further (only when it has reached the largest array there can be).
    /// </summary>
    public Memory<byte> Space(int wanted)
    {
        if (_written == _buffer.Length && _buffer.Length < _capacityLimit)
        {
            var grown = new byte[(int)Math.Min(Math.Max(2L * _buffer.Length, (long)_written + wanted), _capacityLimit)];
            _buffer.AsSpan(0, _written).CopyTo(grown);
            lock (_lock)
            {
                _buffer = grown;
            }
        }

        return _buffer.AsMemory(_written, Math.Min(wanted, _buffer.Length - _written));
    }

    /// <summary>Writer: <paramref name="count"/> bytes were read into <see cref="Space"/>. False once the body is larger than the limit.</summary>
    public bool Advance(int count)
    {
        _written += count;
        return _written <= _limit;
    }

    /// <summary>Writer: makes everything that arrived readable and wakes the readers.</summary>
    public void Publish() => Finish(GrowingBodyEnd.None);

    /// <summary>Writer: publishes everything that arrived along with how the body ended, and wakes the readers.</summary>
    public void Finish(GrowingBodyEnd end)
    {
        TaskCompletionSource? progress;
        lock (_lock)
        {
            _published = _written;
            _end = end;
            progress = _progress;
            _progress = null;
        }

        progress?.TrySetResult();
    }

    /// <summary>
    /// Writer: the whole body, once it is complete — the array itself when the body fills it exactly, else a copy
    /// of that length, which readers are then given instead, so that a slow reader does not keep a second copy alive.
    /// </summary>
    public byte[] ToArray()
    {
        if (_written == _buffer.Length)
        {
            return _buffer;
        }

        var whole = _buffer.AsSpan(0, _written).ToArray();
        lock (_lock)
        {
            _buffer = whole;
        }

        return whole;
    }

    /// <summary>
    /// Reader: the bytes published after <paramref name="from"/>, how the body ended, and — when there is nothing
    /// new and the body is still arriving — a task that completes on the next progress.
    /// </summary>
    public GrowingBodyView Read(int from)
    {
        lock (_lock)
        {
            if (_published > from || _end != GrowingBodyEnd.None)
            {
                return new GrowingBodyView(_buffer.AsMemory(from, _published - from), _end, Task.CompletedTask);
            }

            _progress ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return new GrowingBodyView(ReadOnlyMemory<byte>.Empty, GrowingBodyEnd.None, _progress.Task);
        }
    }

    /// <summary>The fill or the reader lets go of the source; the second to do so disposes it.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _holders) == 0)
        {
            _source.Dispose();
        }
    }
}

/// <summary>What a reader of a <see cref="GrowingBody"/> found: new bytes, the end state, and what to wait on when there is neither.</summary>
internal readonly record struct GrowingBodyView(ReadOnlyMemory<byte> Arrived, GrowingBodyEnd End, Task Progress);

/// <summary>How a <see cref="GrowingBody"/> ended.</summary>
internal enum GrowingBodyEnd
{
    /// <summary>Still arriving.</summary>
    None,

    /// <summary>All of it arrived.</summary>
    Complete,

    /// <summary>The origin broke off or stalled: what arrived is not the whole body.</summary>
    Failed,

    /// <summary>Larger than the object-size limit: the fill stopped reading, and the rest comes straight from the origin.</summary>
    Overflowed,
}
