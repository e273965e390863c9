// A redis-server of the test's own (Debian's /usr/bin/redis-server; test.sh installs it when missing) on a free
// loopback port, without persistence unless asked. Stopped by its process id, never by name. Restart brings it
// back on the same port, empty when it runs without persistence: what a node sees when Redis lost its data.
using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Lacquer.Harness;

internal sealed class RedisServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/redis-server";

    private Process? _process;

    private RedisServer(int port)
    {
        Port = port;
    }

    public int Port { get; }

    /// <summary>Between a start and a stop by the test.</summary>
    public bool IsRunning => _process is not null;

    public static async Task<RedisServer> StartAsync()
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: run ./test.sh, which installs redis-server (or apt-get install -y redis-server).");
        var server = new RedisServer(LoopbackPort.Unused());
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Stops the server (as a crash would: SIGKILL, nothing saved).</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    /// <summary>Stops the server and starts an empty one on the same port.</summary>
    public async Task RestartEmptyAsync()
    {
        await StopAsync();
        await StartProcessAsync();
    }

    public async Task StartAgainAsync() => await StartProcessAsync();

    private async Task StartProcessAsync()
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no"])
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start)!;
        }
        catch (Win32Exception exception)
        {
            Assert.Fail($"Could not start {Binary}: {exception.Message}");
        }

        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Ready when it answers PING; bounded in attempts (the port may still be held by the previous process).
        for (var attempt = 0; attempt < 500; attempt++)
        {
            if (await PingsAsync())
            {
                return;
            }

            Assert.False(_process.HasExited, $"redis-server exited with {(_process.HasExited ? _process.ExitCode : 0)} on port {Port}.");
            await Task.Delay(10);
        }

        Assert.Fail($"redis-server on port {Port} never answered PING.");
    }

    private async Task<bool> PingsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
