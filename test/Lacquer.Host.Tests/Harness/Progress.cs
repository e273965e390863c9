// Waiting on observable progress (time and faults are injected, never slept on): a condition over state the test can read (a counter, the
// coalescer's waiters) is re-checked, yielding between checks, until it holds. The loop is bounded in count,
// and the ten-second ceiling is a safety net that fails the test; nothing here paces a test by real time.
using System.Diagnostics;

namespace Lacquer.Harness;

internal static class Progress
{
    public static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(10);

    private const int MaxChecks = 100_000_000;

    public static Task Until(Func<bool> condition, string what) => Task.Run(async () =>
    {
        var elapsed = Stopwatch.StartNew();
        for (var i = 0; i < MaxChecks; i++)
        {
            if (condition())
            {
                return;
            }

            if (elapsed.Elapsed > SafetyNet)
            {
                break;
            }

            await Task.Yield();
        }

        Assert.Fail($"Gave up waiting until {what}.");
    });
}
