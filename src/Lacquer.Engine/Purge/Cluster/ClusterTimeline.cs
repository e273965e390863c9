// A diagnostic record of where a purge's time goes on its way through the cluster (cluster:timeline, off by
// default): one line per step, "<µs> <node> <step> <sequence> [<other node>]", with the timestamp of the monotonic
// clock (Stopwatch), which every process on one machine shares, so the lines of several nodes on one machine can be
// merged into one timeline per purge (bench/cluster_timeline.py). Steps: on the node that took the purge,
// "share" (about to append), "appended" (the append answered), "ack-seen" (an acknowledgement from <other node>
// reached the wait), "done" (the wait answered); on every node, "received" (the wake-up arrived), "applied" and
// "acked" (the acknowledgement script answered). Lines are queued in memory and written by a background loop, so
// the purge path only formats one line; off, each step costs one null check.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Lacquer.Purge.Cluster;

internal sealed class ClusterTimeline : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly string _node;
    private readonly StreamWriter _writer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    private ClusterTimeline(string path, string node)
    {
        _node = node;
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite));
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>The timeline for <paramref name="path"/>, or null when the setting is off.</summary>
    public static ClusterTimeline? Open(string? path, string node) => path is null ? null : new ClusterTimeline(path, node);

    public static long Now => Stopwatch.GetTimestamp();

    public void Step(string step, long sequence, long timestamp, string? other = null)
    {
        var micros = timestamp * 1_000_000.0 / Stopwatch.Frequency;
        _lines.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{micros:0.0} {_node} {step} {sequence}{(other is null ? string.Empty : " " + other)}"));
    }

    private async Task WriteLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), _stopping.Token);
            }
            catch (OperationCanceledException)
            {
            }

            await FlushAsync();
        }
    }

    private async Task FlushAsync()
    {
        while (_lines.TryDequeue(out var line))
        {
            await _writer.WriteLineAsync(line);
        }

        await _writer.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        await FlushAsync();
        await _writer.DisposeAsync();
        _stopping.Dispose();
    }
}
