// What makes a running server re-read its configuration: SIGHUP, and a change of the configuration file. A
// save often arrives as several file events (truncate, write, rename over), so events are debounced: the
// reload runs once the file has been quiet for Debounce. Reloads run on the thread pool, one at a time
// (ConfigurationReload serialises them), never on the signal or watcher thread.
using System.Runtime.InteropServices;

namespace Lacquer.Hosting;

internal sealed class ReloadTriggers : IDisposable
{
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    private readonly Action _reload;
    private readonly ITimer _timer;
    private readonly PosixSignalRegistration _hangup;
    private readonly FileSystemWatcher? _watcher;

    /// <param name="file">The configuration file to watch; null: none (SIGHUP only).</param>
    /// <param name="reload">Re-reads and applies the configuration.</param>
    public ReloadTriggers(string? file, Action reload, TimeProvider time)
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
            var path = Path.GetFullPath(file);

            // The directory is watched, not the file: an editor or a deployment that replaces the file (write a
            // new one, rename it over) leaves a watcher of the old file blind.
            _watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += (_, _) => Request(Debounce);
            _watcher.Created += (_, _) => Request(Debounce);
            _watcher.Renamed += (_, _) => Request(Debounce);
            _watcher.EnableRaisingEvents = true;
        }
    }

    /// <summary>Schedules a reload after <paramref name="delay"/>; another request before then moves it later.</summary>
    public void Request(TimeSpan delay) => _timer.Change(delay, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _watcher?.Dispose();
        _hangup.Dispose();
        _timer.Dispose();
    }
}
