// A client of the proxy listener over a plain socket, for what HttpClient will not do: send a request
// without Host or with exact bytes, read part of a response and then vanish, and see exactly how (and
// whether) a response ends. Every read is bounded by a real-time safety net; none is a timing assumption.
using System.Net.Sockets;
using System.Text;

namespace Lacquer.Harness;

internal sealed class RawClient : IDisposable
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly MemoryStream _received = new();
    private bool _ended;

    private RawClient(Socket socket)
    {
        _socket = socket;
    }

    /// <param name="receiveBufferSize">
    /// The socket's receive buffer, set before connecting so that it bounds the window the proxy may fill: a client
    /// that then stops reading holds up the proxy's writes after that many bytes (and the kernel's send buffer).
    /// </param>
    /// <param name="from">
    /// The local address to connect from, e.g. 127.0.0.2: every 127.x address is the loopback interface, so one
    /// test can be several clients that the proxy tells apart by their address.
    /// </param>
    public static async Task<RawClient> ConnectAsync(Uri listener, int? receiveBufferSize = null, System.Net.IPAddress? from = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBufferSize is int size)
        {
            socket.ReceiveBufferSize = size;
        }

        if (from is not null)
        {
            socket.Bind(new System.Net.IPEndPoint(from, 0));
        }

        await socket.ConnectAsync(listener.Host, listener.Port).WaitAsync(SafetyNet);
        return new RawClient(socket);
    }

    /// <summary>Sends text as ISO-8859-1 (one byte per char); write "\r\n" line ends yourself.</summary>
    public Task SendAsync(string text) => SendAsync(Encoding.Latin1.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await _socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None).AsTask().WaitAsync(SafetyNet);
        }
    }

    /// <summary>Drops what was read so far, so that the next read parses the next response (after a 100 Continue, say).</summary>
    public void ForgetReceived() => _received.SetLength(0);

    /// <summary>Reads until one whole response (by its own framing) has arrived; the connection stays open.</summary>
    public async Task<RawResponse> ReadResponseAsync()
    {
        while (true)
        {
            var response = RawResponse.Parse(_received.ToArray(), _ended);
            if (response.IsComplete || _ended)
            {
                return response;
            }

            await ReceiveAsync();
        }
    }

    /// <summary>Reads until the head and at least <paramref name="bodyBytes"/> body bytes arrived, or the connection ended.</summary>
    public async Task<RawResponse> ReadUntilBodyAsync(int bodyBytes)
    {
        while (true)
        {
            var response = RawResponse.Parse(_received.ToArray(), _ended);
            if ((response.HeadComplete && response.Body.Length >= bodyBytes) || _ended)
            {
                return response;
            }

            await ReceiveAsync();
        }
    }

    /// <summary>Reads until the proxy ends the connection (a FIN or a reset), and parses everything that came.</summary>
    public async Task<RawResponse> ReadUntilClosedAsync()
    {
        while (!_ended)
        {
            await ReceiveAsync();
        }

        return RawResponse.Parse(_received.ToArray(), connectionEnded: true);
    }

    /// <summary>Leaves abruptly: the socket is closed with a reset, whatever is still unread.</summary>
    public void Abort()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
        _ended = true;
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        int read;
        try
        {
            read = await _socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).AsTask().WaitAsync(SafetyNet);
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            read = 0;
        }

        if (read == 0)
        {
            _ended = true;
            return;
        }

        _received.Write(buffer, 0, read);
    }

    public void Dispose()
    {
        _socket.Dispose();
        _received.Dispose();
    }
}
