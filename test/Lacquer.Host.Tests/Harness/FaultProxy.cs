// A TCP relay between one Lacquer node and Redis that the test controls: Pause holds every byte in both
// directions (the sockets stay open: a partition, a black hole), Resume lets them flow again in order, Cut resets
// every connection (RST, as a crashed peer or a dropped NAT entry would). New connections are accepted throughout.
using System.Net;
using System.Net.Sockets;

namespace Lacquer.Harness;

internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly List<Socket> _sockets = [];
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _flowing = Flowing();
    private Task _accepting = Task.CompletedTask;

    private FaultProxy(int target)
    {
        _target = target;
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static FaultProxy Start(int target)
    {
        var proxy = new FaultProxy(target);
        proxy._listener.Start();
        proxy._accepting = Task.Run(proxy.AcceptAsync);
        return proxy;
    }

    /// <summary>Whether the test holds this relay's bytes (between Pause and Resume).</summary>
    public bool IsPaused
    {
        get
        {
            lock (_sockets)
            {
                return !_flowing.Task.IsCompleted;
            }
        }
    }

    public void Pause()
    {
        lock (_sockets)
        {
            if (_flowing.Task.IsCompleted)
            {
                _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Resume()
    {
        lock (_sockets)
        {
            _flowing.TrySetResult();
        }
    }

    /// <summary>Resets every open connection; later connections go through as before.</summary>
    public void Cut()
    {
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                }
                catch (ObjectDisposedException)
                {
                }
            }

            _sockets.Clear();
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _target, _stopping.Token);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            client.LingerState = new LingerOption(true, 0);
            client.Close();
            server.Dispose();
            return;
        }

        lock (_sockets)
        {
            _sockets.Add(client);
            _sockets.Add(server);
        }

        await Task.WhenAll(PumpAsync(client, server), PumpAsync(server, client));
        client.Dispose();
        server.Dispose();
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                Task flowing;
                lock (_sockets)
                {
                    flowing = _flowing.Task;
                }

                await flowing.WaitAsync(_stopping.Token);
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stopping.Token);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A cut, the far side going away, or the end of the test: the other pump sees it too.
            try
            {
                to.LingerState = new LingerOption(true, 0);
                to.Close();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private static TaskCompletionSource Flowing()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting;
        _stopping.Dispose();
    }
}
