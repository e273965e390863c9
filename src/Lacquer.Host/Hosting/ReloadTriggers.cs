// What makes a running server re-read its configuration: SIGHUP, and a change of the configuration file. A
// save often arrives as several file events (truncate, write, rename over), so events are debounced: the
// reload runs once the file has been quiet for Debounce. Reloads run on the thread pool, one at a time
// (ConfigurationReload serialises them), never on the signal or watcher thread.
//
// SIGHUP never depends on the file watcher. Watching a file takes an inotify instance and watch, which the
// kernel limits per user (fs.inotify.max_user_instances, max_user_watches), so another program of the same user
// can leave none: the watcher then cannot start, or stops on an error (a lost watch, an event queue that
// overflowed). Either is logged as a warning and the server keeps running, reloading on SIGHUP; after a watcher
// error the file is re-read once, since a change may be among the events that were lost.
using System.Runtime.InteropServices;
using Lacquer.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Lacquer.Hosting;

internal sealed partial class ReloadTriggers : IDisposable
{
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    private readonly Action _reload;
    private readonly ITimer _timer;
    private readonly PosixSignalRegistration _hangup;
    private readonly FileSystemWatcher? _watcher;

    /// <param name="file">The configuration file to watch; null: none (SIGHUP only).</param>
    /// <param name="reload">Re-reads and applies the configuration.</param>
    public ReloadTriggers(string? file, Action reload, TimeProvider time, ILogger logger)
    {
        _reload = reload;
        _timer = time.CreateTimer(_ => _reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            // Handled: the default action of SIGHUP would end the process.
            context.Cancel = true;
            Request(TimeSpan.Zero);
        });

        if (file is not null)
        {
            _watcher = Watch(Path.GetFullPath(file), logger);
        }
    }

    /// <summary>Schedules a reload after <paramref name="delay"/>; another request before then moves it later.</summary>
    public void Request(TimeSpan delay) => _timer.Change(delay, Timeout.InfiniteTimeSpan);

    /// <summary>A watcher of <paramref name="path"/>'s directory that requests a reload on each change of the file; null when none could start.</summary>
    private FileSystemWatcher? Watch(string path, ILogger logger)
    {
        // The directory is watched, not the file: an editor or a deployment that replaces the file (write a
        // new one, rename it over) leaves a watcher of the old file blind.
        var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        watcher.Changed += (_, _) => Request(Debounce);
        watcher.Created += (_, _) => Request(Debounce);
        watcher.Renamed += (_, _) => Request(Debounce);
        watcher.Error += (_, error) =>
        {
            WatcherFailed(logger, path, error.GetException().Message.TrimEnd('.'));
            Request(Debounce);
        };
        try
        {
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            watcher.Dispose();
            WatcherNotStarted(logger, path, exception.Message.TrimEnd('.'));
            return null;
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _hangup.Dispose();
        _timer.Dispose();
    }

    [LoggerMessage(EventId = EventIds.ReloadWatcherNotStarted, Level = LogLevel.Warning,
        Message = "Configuration file {Path} is not watched: {Reason}; the server reloads on SIGHUP only")]
    private static partial void WatcherNotStarted(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = EventIds.ReloadWatcherFailed, Level = LogLevel.Warning,
        Message = "Watching the configuration file {Path} failed: {Reason}; re-reading it once, and SIGHUP reloads it whatever the watcher does")]
    private static partial void WatcherFailed(ILogger logger, string path, string reason);
}
