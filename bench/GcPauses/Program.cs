// Lists the stop-the-world pauses the .NET runtime made during a time window of a traced run, with the
// collection each one served, so that a latency tail can be set beside the collector's pauses.
//
//   GcPauses TRACE.nettrace FROM_UNIX_SECONDS TO_UNIX_SECONDS
//
// A pause is the time from the runtime's request to suspend managed threads (GCSuspendEEBegin) to the end of
// their restart (GCRestartEEEnd): every request in flight waits that long. The trace is written by the runtime
// itself when started with DOTNET_EnableEventPipe=1 and the GC keyword at informational level
// (DOTNET_EventPipeConfig=Microsoft-Windows-DotNETRuntime:0x1:4); GC_PAUSES=1 makes bench/lib.sh's measure_fresh
// (ab.sh, compare.sh) trace each fresh process that way and call this tool on its measured window.
using System.Globalization;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: GcPauses TRACE.nettrace FROM_UNIX_SECONDS TO_UNIX_SECONDS");
    return 2;
}

var from = DateTimeOffset.FromUnixTimeMilliseconds((long)(double.Parse(args[1], CultureInfo.InvariantCulture) * 1000)).UtcDateTime;
var to = DateTimeOffset.FromUnixTimeMilliseconds((long)(double.Parse(args[2], CultureInfo.InvariantCulture) * 1000)).UtcDateTime;
var pauses = new List<Pause>();
double? suspendedAt = null;
double suspendedFor = 0;
DateTime suspendedWhen = default;
Collection? current = null;
Collection? lastInPause = null;

using (var source = new EventPipeEventSource(args[0]))
{
    source.Clr.GCSuspendEEStart += e =>
    {
        suspendedAt = e.TimeStampRelativeMSec;
        suspendedWhen = e.TimeStamp.ToUniversalTime();
        lastInPause = null;
    };
    source.Clr.GCSuspendEEStop += e =>
    {
        suspendedFor = suspendedAt is { } start ? e.TimeStampRelativeMSec - start : 0;
    };
    source.Clr.GCStart += e =>
    {
        current = new Collection(e.Depth, e.Type.ToString(), e.Reason.ToString()) { StartedAt = e.TimeStampRelativeMSec };
        if (suspendedAt is not null)
        {
            lastInPause = current;
        }
    };
    source.Clr.GCStop += e =>
    {
        if (current is not null)
        {
            current.Milliseconds = e.TimeStampRelativeMSec - current.StartedAt;
        }
    };
    source.Clr.GCHeapStats += e =>
    {
        if (current is not null)
        {
            current.PromotedBytes = e.TotalPromotedSize0 + e.TotalPromotedSize1 + e.TotalPromotedSize2;
        }
    };
    source.Clr.GCRestartEEStop += e =>
    {
        if (suspendedAt is { } start && suspendedWhen >= from && suspendedWhen <= to)
        {
            // A pause with no GCStart inside it is a background collection's own suspension: its generation is 2.
            var collection = lastInPause ?? new Collection(2, "BackgroundSuspension", current?.Reason ?? "-");
            pauses.Add(new Pause(suspendedWhen, e.TimeStampRelativeMSec - start, suspendedFor, lastInPause?.Milliseconds ?? 0, collection));
        }

        suspendedAt = null;
    };
    source.Process();
}

var window = (to - from).TotalSeconds;
Console.WriteLine($"window {window:F1} s: {pauses.Count} pauses, {pauses.Sum(p => p.Milliseconds):F1} ms paused in all ({pauses.Sum(p => p.Milliseconds) / window / 10:F2}% of the time)");
foreach (var group in pauses.GroupBy(p => p.Collection.Generation).OrderBy(g => g.Key))
{
    var sorted = group.Select(p => p.Milliseconds).Order().ToArray();
    Console.WriteLine(
        $"gen{group.Key}: {sorted.Length} pauses ({sorted.Length / window:F1}/s), p50 {Quantile(sorted, 0.5):F2} ms, " +
        $"p90 {Quantile(sorted, 0.9):F2} ms, max {sorted[^1]:F2} ms, total {sorted.Sum():F1} ms, " +
        $"promoted {group.Average(p => p.Collection.PromotedBytes) / 1024:F0} KiB each; " +
        $"of a pause at the median: suspending {Median(group.Select(p => p.SuspendingMilliseconds))} ms, collecting {Median(group.Select(p => p.CollectingMilliseconds))} ms");
}

foreach (var pause in pauses.OrderByDescending(p => p.Milliseconds).Take(5))
{
    Console.WriteLine(
        $"  longest: {pause.Milliseconds:F2} ms at +{(pause.At - from).TotalSeconds:F2} s, gen{pause.Collection.Generation} {pause.Collection.Type} ({pause.Collection.Reason})");
}

return 0;

static string Median(IEnumerable<double> values) => Quantile(values.Order().ToArray(), 0.5).ToString("F2", CultureInfo.InvariantCulture);

static double Quantile(double[] sorted, double q) => sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];

internal sealed record Collection(int Generation, string Type, string Reason)
{
    /// <summary>Bytes that survived the collection (GCHeapStats, which follows the collection's end).</summary>
    public long PromotedBytes { get; set; }

    public double StartedAt { get; init; }

    /// <summary>From GCStart to GCEnd: the collection's own work, without suspending and restarting the threads.</summary>
    public double Milliseconds { get; set; }
}

internal sealed record Pause(DateTime At, double Milliseconds, double SuspendingMilliseconds, double CollectingMilliseconds, Collection Collection);
