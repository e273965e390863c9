// Owns: the whole ceiling experiment. A minimal HTTP/1.1 keep-alive server on raw sockets (no Kestrel) that
// answers every complete request head with one fixed 200 response: about 300 bytes of headers shaped like a
// Lacquer cache hit and a 1 MiB body held in memory. It exists to measure what a transport of Lacquer's own
// could reach for 1 MiB hits on this machine, so it does nothing else: no parsing beyond finding the end of a
// request head, no routing, no cache. The way the response goes out is chosen on the command line:
//
//   writev    one send of [headers, body] from managed arrays on the pinned object heap: one sendmsg(2)
//             with two iovecs (partial sends, never seen with a 4 MiB send buffer, are finished piece by piece)
//   copy64k   what Kestrel's socket transport does with a stored body: copy it into a 64 KiB buffer the
//             transport owns and send that, headers with the first piece, 16 sends per response
//   sendfile  the body in a memfd (memfd_create(2)); the headers go with send(2, MSG_MORE), then sendfile(2)
//             sends the whole 1 MiB from the memfd's pages without a copy in this process
//
// Threads: by default one dedicated thread per connection with blocking sockets (Varnish's shape; the kit's load
// is 64 connections); --async serves writev and copy64k with async sockets on the thread pool instead (Kestrel's
// shape). sendfile is blocking only: it calls the system directly on the socket's descriptor.
//
//   ceiling --mode writev|copy64k|sendfile --port N [--async]
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Lacquer.Experiments.Ceiling;

internal static partial class Program
{
    private const int BodyLength = 1 << 20;
    private const int PieceLength = 64 * 1024;
    private const int ReceiveLength = 4096;
    private const int MsgMore = 0x8000;        // MSG_MORE, linux/socket.h: more data follows, hold the segment
    private const uint MfdCloexec = 0x0001;    // MFD_CLOEXEC, linux/memfd.h
    private const int EIntr = 4;
    private const int EAgain = 11;

    // Headers like a real hit's: validators, freshness, Age and Cache-Status (RFC 9211). Date is fixed; a real
    // server formats it once a second, which costs nothing per response.
    private static readonly byte[] Head = MakeHead();
    private static readonly byte[] Body = MakeBody();
    private static int _memfd = -1;

    private enum Mode { Writev, Copy64k, Sendfile }

    private static int Main(string[] args)
    {
        Mode? mode = null;
        var port = 0;
        var useAsync = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--mode" when i + 1 < args.Length:
                    mode = args[++i] switch
                    {
                        "writev" => Mode.Writev,
                        "copy64k" => Mode.Copy64k,
                        "sendfile" => Mode.Sendfile,
                        _ => null,
                    };
                    break;
                case "--port" when i + 1 < args.Length:
                    _ = int.TryParse(args[++i], out port);
                    break;
                case "--async":
                    useAsync = true;
                    break;
                default:
                    mode = null;
                    i = args.Length;
                    break;
            }
        }
        if (mode is null || port is <= 0 or > 65535 || (useAsync && mode == Mode.Sendfile))
        {
            Console.Error.WriteLine("usage: ceiling --mode writev|copy64k|sendfile --port N [--async] (--async: writev and copy64k only)");
            return 2;
        }
        if (mode == Mode.Sendfile)
        {
            _memfd = MakeMemfd();
        }

        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen(512);
        Console.WriteLine($"ceiling: {mode.Value.ToString().ToLowerInvariant()} ({(useAsync ? "async" : "thread per connection")}), " +
            $"head {Head.Length} B, body {Body.Length} B, on 127.0.0.1:{port}");

        if (useAsync)
        {
            AcceptAsync(listener, mode.Value).GetAwaiter().GetResult();
            return 0;
        }
        while (true)
        {
            var socket = listener.Accept();
            socket.NoDelay = true;
            var thread = new Thread(() => ServeBlocking(socket, mode.Value), 256 * 1024) { IsBackground = true };
            thread.Start();
        }
    }

    private static byte[] MakeHead()
    {
        const string head =
            "HTTP/1.1 200 OK\r\n" +
            "Date: Thu, 03 Dec 2026 20:00:00 GMT\r\n" +
            "Content-Type: application/octet-stream\r\n" +
            "Content-Length: 1048576\r\n" +
            "Last-Modified: Thu, 03 Dec 2026 19:00:00 GMT\r\n" +
            "ETag: \"69308b30-100000\"\r\n" +
            "Cache-Control: public, max-age=86400\r\n" +
            "Accept-Ranges: bytes\r\n" +
            "Age: 1200\r\n" +
            "Cache-Status: Lacquer; hit; ttl=85200\r\n" +
            "Connection: keep-alive\r\n" +
            "\r\n";
        var bytes = GC.AllocateUninitializedArray<byte>(Encoding.ASCII.GetByteCount(head), pinned: true);
        Encoding.ASCII.GetBytes(head, bytes);
        return bytes;
    }

    private static byte[] MakeBody()
    {
        var body = GC.AllocateUninitializedArray<byte>(BodyLength, pinned: true);
        new Random(20261203).NextBytes(body);
        return body;
    }

    // ---- thread per connection, blocking sockets -------------------------------------------------------------

    private static void ServeBlocking(Socket socket, Mode mode)
    {
        var receive = new byte[ReceiveLength];
        var piece = mode == Mode.Copy64k ? GC.AllocateUninitializedArray<byte>(PieceLength, pinned: true) : [];
        var both = new List<ArraySegment<byte>>(2) { new(Head), new(Body) };
        var fd = (int)socket.SafeHandle.DangerousGetHandle();
        var filled = 0;
        try
        {
            while (true)
            {
                var read = socket.Receive(receive, filled, receive.Length - filled, SocketFlags.None);
                if (read == 0)
                {
                    return;
                }
                filled += read;
                int end;
                while ((end = receive.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) >= 0)
                {
                    switch (mode)
                    {
                        case Mode.Writev:
                            SendWritev(socket, both);
                            break;
                        case Mode.Copy64k:
                            SendCopy64k(socket, piece);
                            break;
                        default:
                            SendSendfile(fd);
                            break;
                    }
                    var rest = filled - (end + 4);
                    receive.AsSpan(end + 4, rest).CopyTo(receive);
                    filled = rest;
                }
                if (filled == receive.Length)
                {
                    return; // a request head larger than the buffer: not something the kit sends
                }
            }
        }
        catch (SocketException)
        {
        }
        catch (IOException)
        {
        }
        finally
        {
            socket.Dispose();
        }
    }

    private static void SendWritev(Socket socket, List<ArraySegment<byte>> both)
    {
        var sent = socket.Send(both);
        var total = Head.Length + Body.Length;
        while (sent < total)
        {
            sent += sent < Head.Length
                ? socket.Send(Head.AsSpan(sent))
                : socket.Send(Body.AsSpan(sent - Head.Length));
        }
    }

    private static void SendCopy64k(Socket socket, byte[] piece)
    {
        Head.CopyTo(piece, 0);
        var taken = PieceLength - Head.Length;
        Body.AsSpan(0, taken).CopyTo(piece.AsSpan(Head.Length));
        SendAll(socket, piece.AsSpan());
        while (taken < Body.Length)
        {
            var n = Math.Min(PieceLength, Body.Length - taken);
            Body.AsSpan(taken, n).CopyTo(piece);
            taken += n;
            SendAll(socket, piece.AsSpan(0, n));
        }
    }

    private static void SendAll(Socket socket, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            data = data[socket.Send(data)..];
        }
    }

    private static unsafe void SendSendfile(int fd)
    {
        fixed (byte* head = Head)
        {
            var sent = 0;
            while (sent < Head.Length)
            {
                var n = Send(fd, head + sent, (nuint)(Head.Length - sent), MsgMore);
                if (n < 0)
                {
                    ThrowUnlessRetry();
                    continue;
                }
                sent += (int)n;
            }
        }
        long offset = 0;
        while (offset < BodyLength)
        {
            if (SendFile(fd, _memfd, ref offset, (nuint)(BodyLength - offset)) < 0)
            {
                ThrowUnlessRetry();
            }
        }
    }

    private static void ThrowUnlessRetry()
    {
        var errno = Marshal.GetLastPInvokeError();
        if (errno is not (EIntr or EAgain))
        {
            throw new SocketException(errno);
        }
    }

    private static int MakeMemfd()
    {
        var fd = MemfdCreate("lacquer-ceiling-body", MfdCloexec);
        if (fd < 0)
        {
            throw new IOException($"memfd_create failed: errno {Marshal.GetLastPInvokeError()}");
        }
        // The handle is not owned here: the memfd lives as long as the process.
        RandomAccess.Write(new SafeFileHandle(fd, ownsHandle: false), Body, 0);
        return fd;
    }

    // ---- async sockets on the thread pool --------------------------------------------------------------------

    private static async Task AcceptAsync(Socket listener, Mode mode)
    {
        while (true)
        {
            var socket = await listener.AcceptAsync();
            socket.NoDelay = true;
            _ = ServeAsync(socket, mode);
        }
    }

    private static async Task ServeAsync(Socket socket, Mode mode)
    {
        var receive = new byte[ReceiveLength];
        var piece = mode == Mode.Copy64k ? GC.AllocateUninitializedArray<byte>(PieceLength, pinned: true) : [];
        var both = new List<ArraySegment<byte>>(2) { new(Head), new(Body) };
        var filled = 0;
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(receive.AsMemory(filled), SocketFlags.None);
                if (read == 0)
                {
                    return;
                }
                filled += read;
                int end;
                while ((end = receive.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) >= 0)
                {
                    if (mode == Mode.Writev)
                    {
                        // The runtime finishes a partial send itself before the task completes.
                        await socket.SendAsync(both, SocketFlags.None);
                    }
                    else
                    {
                        Head.CopyTo(piece, 0);
                        var taken = PieceLength - Head.Length;
                        Body.AsSpan(0, taken).CopyTo(piece.AsSpan(Head.Length));
                        await socket.SendAsync(piece.AsMemory(), SocketFlags.None);
                        while (taken < Body.Length)
                        {
                            var n = Math.Min(PieceLength, Body.Length - taken);
                            Body.AsSpan(taken, n).CopyTo(piece);
                            taken += n;
                            await socket.SendAsync(piece.AsMemory(0, n), SocketFlags.None);
                        }
                    }
                    var rest = filled - (end + 4);
                    receive.AsSpan(end + 4, rest).CopyTo(receive);
                    filled = rest;
                }
                if (filled == receive.Length)
                {
                    return;
                }
            }
        }
        catch (SocketException)
        {
        }
        finally
        {
            socket.Dispose();
        }
    }

    // ---- libc --------------------------------------------------------------------------------------------------

    [LibraryImport("libc", EntryPoint = "memfd_create", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int MemfdCreate(string name, uint flags);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    private static unsafe partial nint Send(int socket, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    private static partial nint SendFile(int outFd, int inFd, ref long offset, nuint count);
}
