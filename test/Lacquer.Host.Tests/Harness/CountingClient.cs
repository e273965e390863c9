// A keep-alive client for the allocation measurements (AllocationMeasurement): it sends the request bytes a test
// gives it and reads each response's head and Content-Length body into one reused buffer, counting the body
// rather than keeping it. It makes no strings unless a check fails, so that the process's allocations around
// its requests are the proxy's.
using System.Buffers.Text;
using System.Net.Sockets;
using System.Text;

namespace Lacquer.Harness;

internal sealed class CountingClient : IDisposable
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(30);
    private readonly Socket _socket;
    private readonly byte[] _buffer;
    private readonly byte[] _statusLine;

    private CountingClient(Socket socket, int bufferBytes, int status)
    {
        _socket = socket;
        _buffer = new byte[bufferBytes];
        _statusLine = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} ");
    }

    /// <param name="status">The status every response must have.</param>
    /// <param name="bufferBytes">The reused receive buffer (a response head must fit in it).</param>
    /// <param name="receiveBufferSize">The socket's receive buffer, when a test wants the proxy's sends to fill it.</param>
    public static async Task<CountingClient> ConnectAsync(Uri listener, int status, int bufferBytes = 16 * 1024, int? receiveBufferSize = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBufferSize is { } size)
        {
            socket.ReceiveBufferSize = size;
        }

        await socket.ConnectAsync(listener.Host, listener.Port).WaitAsync(SafetyNet);
        return new CountingClient(socket, bufferBytes, status);
    }

    /// <summary>Sends <paramref name="request"/> and returns the response's Content-Length, after reading exactly that many body bytes.</summary>
    public async Task<long> ExchangeAsync(ReadOnlyMemory<byte> request)
    {
        using var timeout = new CancellationTokenSource(SafetyNet);
        await _socket.SendAsync(request, SocketFlags.None, timeout.Token);

        // The head: read until the blank line; what follows it in the buffer is the start of the body.
        var filled = 0;
        int headEnd;
        while ((headEnd = _buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
        {
            filled += await ReceiveAsync(filled, timeout.Token);
        }

        // The checks' messages are made only when they fail: a string per response would be counted as the proxy's.
        var head = _buffer.AsSpan(0, headEnd);
        var field = "\r\ncontent-length:"u8;
        var at = IndexOfIgnoringCase(head, field);
        long length = 0;
        if (!head.StartsWith(_statusLine) || at < 0 || !Utf8Parser.TryParse(head[(at + field.Length)..].TrimStart(" "u8), out length, out _))
        {
            Assert.Fail($"expected a {Encoding.ASCII.GetString(_statusLine).Trim()} with a Content-Length, got: {Encoding.ASCII.GetString(head)}");
        }

        var remaining = length - (filled - headEnd - 4);
        while (remaining > 0)
        {
            remaining -= await ReceiveAsync(0, timeout.Token);
        }

        Assert.Equal(0, remaining); // the next response has not started: the proxy sent exactly Content-Length
        return length;
    }

    public void Dispose() => _socket.Dispose();

    private async ValueTask<int> ReceiveAsync(int offset, CancellationToken cancellationToken)
    {
        var read = await _socket.ReceiveAsync(_buffer.AsMemory(offset), SocketFlags.None, cancellationToken);
        Assert.True(read > 0, "The proxy closed the connection in the middle of a response.");
        return read;
    }

    private static int IndexOfIgnoringCase(ReadOnlySpan<byte> head, ReadOnlySpan<byte> lowerCaseField)
    {
        for (var i = 0; i + lowerCaseField.Length <= head.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(head.Slice(i, lowerCaseField.Length), lowerCaseField))
            {
                return i;
            }
        }

        return -1;
    }
}
