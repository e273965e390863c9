using System.Diagnostics.Metrics;

namespace Lacquer.Diagnostics;

/// <summary>
/// Histogram buckets for durations in seconds, from 100 µs (a hit) to 30 s (a slow origin), given to the
/// exporter as instrument advice so that every exporter uses the same ones.
/// </summary>
internal static class DurationBuckets
{
    public static InstrumentAdvice<double> Seconds { get; } = new()
    {
        HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    };
}
