// A `lacquer --config FILE` server running as a child process (the real executable, copied next to the tests),
// for tests of what only a process shows: signals, file watching, the exit code. Waits on the server's own
// output lines, bounded by a timeout, never on a fixed sleep. Disposing kills the process if it still runs and
// collects its standard error.
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Lacquer.Hosting;

internal sealed partial class ServerProcess : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Every line of standard output read so far.</summary>
    private readonly List<string> _read = [];

    private ServerProcess(Process process)
    {
        Process = process;
        StdErr = process.StandardError.ReadToEndAsync();
    }

    public Process Process { get; }

    /// <summary>Everything the server wrote to standard error; complete once it has exited.</summary>
    public Task<string> StdErr { get; }

    /// <summary>The listeners' addresses, from the start-up banner (<see cref="StartAsync"/> waits for it).</summary>
    public Uri Proxy { get; private set; } = null!;

    public Uri Admin { get; private set; } = null!;

    public static Task<ServerProcess> StartAsync(string configFile)
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lacquer.dll"));
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(configFile);
        return StartAsync(start);
    }

    /// <summary>
    /// Starts the server where one of the kernel's per-user inotify limits is 0, as when other programs of its user
    /// used them all up: in a user namespace of its own (unshare(1)), whose limit <paramref name="limit"/>
    /// (max_inotify_instances or max_inotify_watches, under /proc/sys/user) is set to 0. Other processes keep their
    /// limits, so tests running in parallel are not affected.
    /// </summary>
    public static Task<ServerProcess> StartWithoutInotifyAsync(string configFile, string limit)
    {
        var start = new ProcessStartInfo("unshare");
        foreach (var argument in (string[])["--user", "--map-root-user", "sh", "-c",
            $"echo 0 > /proc/sys/user/{limit} && exec dotnet \"$0\" --config \"$1\"",
            Path.Combine(AppContext.BaseDirectory, "lacquer.dll"), configFile])
        {
            start.ArgumentList.Add(argument);
        }

        return StartAsync(start);
    }

    private static async Task<ServerProcess> StartAsync(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var server = new ServerProcess(Process.Start(start)!);
        try
        {
            var banner = BannerLine().Match(await server.ReadLineContaining("admin on"));
            server.Proxy = new Uri(banner.Groups["proxy"].Value);
            server.Admin = new Uri(banner.Groups["admin"].Value);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads the server's standard output up to the first line containing <paramref name="text"/>.</summary>
    public async Task<string> ReadLineContaining(string text)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (await Process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            _read.Add(line);
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException($"The server ended its output before a line containing '{text}'.");
    }

    /// <summary>
    /// The first line of the server's standard output containing <paramref name="text"/>, among the lines read so far
    /// (a log line may come before the start-up banner) or else the next ones.
    /// </summary>
    public Task<string> FindLineContaining(string text) =>
        _read.Find(line => line.Contains(text, StringComparison.Ordinal)) is { } seen ? Task.FromResult(seen) : ReadLineContaining(text);

    /// <summary>Sends a signal (HUP, TERM) to the server.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { $"-{name}", Process.Id.ToString(CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the server to exit on its own (at most <paramref name="within"/>, else <see cref="Patience"/>) and returns its exit code.</summary>
    public async Task<int> ExitCode(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? Patience);
        await Process.WaitForExitAsync(timeout.Token);
        return Process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        await Process.WaitForExitAsync();
        await StdErr;
        Process.Dispose();
    }

    [GeneratedRegex(@"Lacquer proxy on (?<proxy>\S+?), admin on (?<admin>http://\S+?)\.?$")]
    private static partial Regex BannerLine();
}
