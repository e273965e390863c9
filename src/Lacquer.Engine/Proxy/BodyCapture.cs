// Collects a response body for the store while it streams to the client. Gives up (and frees what it
// holds) the moment the body exceeds cache.maxObjectBytes: the rest of the response is passed through.
namespace Lacquer.Proxy;

internal sealed class BodyCapture
{
    private readonly long _limit;
    private byte[] _buffer;
    private int _length;

    public BodyCapture(long? contentLength, long limit)
    {
        _limit = limit;
        _buffer = contentLength is > 0 and <= int.MaxValue ? new byte[contentLength.Value] : new byte[4096];
    }

    public bool Overflowed { get; private set; }

    /// <summary>Appends a chunk; false (and the capture abandoned) once the body is larger than the limit.</summary>
    public bool TryAppend(ReadOnlySpan<byte> chunk)
    {
        if (Overflowed)
        {
            return false;
        }

        var needed = (long)_length + chunk.Length;
        if (needed > _limit || needed > Array.MaxLength)
        {
            Overflowed = true;
            _buffer = [];
            return false;
        }

        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, (int)Math.Min(Math.Max(needed, 2L * _buffer.Length), Math.Min(_limit, Array.MaxLength)));
        }

        chunk.CopyTo(_buffer.AsSpan(_length));
        _length = (int)needed;
        return true;
    }

    /// <summary>The body, without a copy when the buffer is exactly full.</summary>
    public byte[] ToArray() => _length == _buffer.Length ? _buffer : _buffer.AsSpan(0, _length).ToArray();
}
