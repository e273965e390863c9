// "purge-timing [count] [repeats]": the purge targets measured with wall time AND process CPU time, so
// that a loaded machine (other work sharing the 2 cores) can be told apart from a slow engine. Builds the
// same store as the purge benchmarks (count tiny entries, default 1M; tag g<i % 10> matches a tenth), then
// repeats: hard tag purge (a tenth), soft tag purge (a tenth), one-URL purge, hard purge-everything (and
// waits for the background reclaim a large hard purge leaves, timed separately), re-inserting between purges. Prints wall ms, CPU ms
// the GCs (gen0/1/2) each purge caused and the bytes it allocated. Single-threaded apart from the reclaim, so CPU ~ wall on an idle
// machine; CPU far below wall means the process was waiting for a core.
using System.Diagnostics;
using System.Globalization;
using Lacquer.Benchmarks.Fixtures;
using Lacquer.Benchmarks.Purge;
using Lacquer.Caching.Store;
using Lacquer.Purge;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lacquer.Benchmarks.Fixtures;

internal static class PurgeTiming
{
    public static int Run(int count, int repeats)
    {
        var built = Stopwatch.StartNew();
        var fixture = PurgeStore.Build(count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store of {count} entries built in {built.Elapsed.TotalSeconds:F1} s; load average {File.ReadAllText("/proc/loadavg").Trim()}"));
        var purges = new PurgeService(fixture.Store, TimeProvider.System, NullLogger.Instance);
        var zone = fixture.Zone;
        var cases = new (string Name, Func<PurgeCommand> Command)[]
        {
            ("hard tag (1/10)", () => new PurgeCommand([zone], [PurgeSelector.ForTag("g3")], Soft: false)),
            ("soft tag (1/10)", () => new PurgeCommand([zone], [PurgeSelector.ForTag("g4")], Soft: true)),
            ("hard one URL", () => new PurgeCommand([zone], [PurgeSelector.ForUrl(new Uri(BenchZones.Key(count / 2)))], Soft: false)),
            ("hard everything", () => new PurgeCommand([zone], [PurgeSelector.Everything], Soft: false)),
        };
        Console.WriteLine("| purge | matched | wall ms | CPU ms | GCs gen0/1/2 | allocated KB |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        var process = Process.GetCurrentProcess();
        for (var r = 0; r < repeats; r++)
        {
            foreach (var (name, command) in cases)
            {
                fixture.Store.Sweep.GetAwaiter().GetResult();
                fixture.Refill();
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var purge = command();
                var gc0 = GC.CollectionCount(0);
                var gc1 = GC.CollectionCount(1);
                var gc2 = GC.CollectionCount(2);
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var wall = Stopwatch.StartNew();
                var matched = purges.Purge(purge, "bench", "timing").Matched;
                var elapsed = wall.Elapsed;
                allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
                process.Refresh();
                var used = process.TotalProcessorTime - cpu;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {matched} | {elapsed.TotalMilliseconds:F2} | {used.TotalMilliseconds:F0} | {GC.CollectionCount(0) - gc0}/{GC.CollectionCount(1) - gc1}/{GC.CollectionCount(2) - gc2} | {allocated / 1024} |"));
                if (!fixture.Store.Sweep.IsCompleted)
                {
                    wall.Restart();
                    fixture.Store.Sweep.GetAwaiter().GetResult();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| (its background reclaim) | {matched} | {wall.Elapsed.TotalMilliseconds:F0} | | | |"));
                }
            }
        }

        return 0;
    }
}
