// A request's primary key as characters in a pooled buffer. The hit path looks the store up with the
// characters and never builds the key string; only a request that goes on to the origin (which needs the key
// for coalescing, the fetch and the store) turns it into a string, once.
//
// Ownership: the method that made it with For disposes it, once (the buffer goes back to the pool); copies
// passed down must not outlive that method.
using System.Buffers;

namespace Lacquer.Caching.Keys;

internal readonly struct RequestKey : IDisposable
{
    private readonly char[]? _buffer;
    private readonly int _length;
    private readonly string? _text;

    private RequestKey(char[]? buffer, int length, string? text)
    {
        _buffer = buffer;
        _length = length;
        _text = text;
    }

    public ReadOnlySpan<char> Chars => _text is not null ? _text : _buffer.AsSpan(0, _length);

    /// <summary>A key that already is a string (a waiter's re-lookup after a fill).</summary>
    public static RequestKey Of(string key) => new(null, key.Length, key);

    /// <summary>The key of a request, in a pooled buffer: the same characters as CacheKeys.Build of these parts.</summary>
    public static RequestKey For<TFields>(string scheme, string host, string pathAndQuery, string[] keyHeaders, TFields fields)
        where TFields : IRequestFields
    {
        var length = CacheKeys.Length(scheme, host, pathAndQuery, keyHeaders, fields);
        var buffer = ArrayPool<char>.Shared.Rent(length);
        CacheKeys.Write(buffer, scheme, host, pathAndQuery, keyHeaders, fields);
        return new RequestKey(buffer, length, null);
    }

    /// <summary>The key as a new string (or the string it was made from); call once and keep the result.</summary>
    public override string ToString() => _text ?? new string(_buffer!, 0, _length);

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<char>.Shared.Return(_buffer);
        }
    }
}
