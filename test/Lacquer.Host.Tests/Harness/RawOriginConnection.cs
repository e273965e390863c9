// One connection accepted by RawOrigin. A scripted exchange writes its answer here byte for byte and may
// close the connection half-way (gracefully or with a reset) to break a response off.
using System.Net.Sockets;
using System.Text;

namespace Lacquer.Harness;

internal sealed class RawOriginConnection : IDisposable
{
    private const int MaxHeadBytes = 64 * 1024;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly CancellationToken _stopping;
    private byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    public RawOriginConnection(Socket socket, CancellationToken stopping)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _stopping = stopping;
    }

    /// <summary>True once the exchange (or the origin's shutdown) closed the connection.</summary>
    public bool Closed { get; private set; }

    /// <summary>Writes text as ISO-8859-1, so that each char up to U+00FF becomes exactly one byte ("\u0001", "\u00e9").</summary>
    public Task SendAsync(string text) => SendAsync(Encoding.Latin1.GetBytes(text));

    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        await _stream.WriteAsync(bytes, _stopping);
        await _stream.FlushAsync(_stopping);
    }

    /// <summary>Closes the connection gracefully (FIN): the peer reads what was sent, then the end.</summary>
    public void Close()
    {
        if (Closed)
        {
            return;
        }

        Closed = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer.
        }

        _stream.Dispose();
    }

    /// <summary>Closes the connection with a reset (RST): the abrupt end of a crashed or killed origin.</summary>
    public void Reset()
    {
        if (Closed)
        {
            return;
        }

        _socket.LingerState = new LingerOption(true, 0);
        Closed = true;
        _stream.Dispose();
    }

    /// <summary>Reads the next request: its head and, when it declares a Content-Length, its body. Null at the end of the connection.</summary>
    public async Task<RawRequest?> ReadRequestAsync()
    {
        int headEnd;
        while ((headEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end - _start > MaxHeadBytes || !await FillAsync())
            {
                return null;
            }
        }

        var head = Encoding.Latin1.GetString(_buffer, _start, headEnd);
        _start += headEnd + 4;
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            fields.Add(colon < 0 ? new(line, string.Empty) : new(line[..colon], line[(colon + 1)..].Trim()));
        }

        var lengthField = fields.FirstOrDefault(field => field.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
        var length = lengthField is null ? 0 : int.Parse(lengthField, System.Globalization.CultureInfo.InvariantCulture);
        while (_end - _start < length)
        {
            if (!await FillAsync())
            {
                return null;
            }
        }

        var body = _buffer.AsSpan(_start, length).ToArray();
        _start += length;
        return new RawRequest(requestLine[0], requestLine.Length > 1 ? requestLine[1] : string.Empty, fields, body);
    }

    private async Task<bool> FillAsync()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), _stopping);
        _end += read;
        return read > 0;
    }

    public void Dispose() => Close();
}
