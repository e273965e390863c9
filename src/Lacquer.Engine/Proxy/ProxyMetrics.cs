// Owns: the Lacquer.Proxy meter — requests by zone and cache status, their duration, requests for hosts no
// zone serves, and request-log lines dropped. Request counts live in each zone's Interlocked counters and
// are read by an observable counter at collection time, so counting a hit costs one increment; the duration
// histogram is recorded with tags that are existing strings, which allocates nothing.
using System.Diagnostics.Metrics;
using Lacquer.Diagnostics;
using Lacquer.Zones;

namespace Lacquer.Proxy;

internal sealed class ProxyMetrics
{
    public const string MeterName = "Lacquer.Proxy";

    private readonly Func<IReadOnlyList<Zone>> _zones;
    private readonly Histogram<double> _duration;
    private long _misdirected;
    private RequestLog? _log;

    public ProxyMetrics(Meter meter, Func<IReadOnlyList<Zone>> zones)
    {
        Meter = meter;
        _zones = zones;
        meter.CreateObservableCounter("lacquer.proxy.requests", ObserveRequests, "{request}", "Requests served, by zone and cache status.");
        meter.CreateObservableCounter("lacquer.proxy.misdirected_requests", () => Interlocked.Read(ref _misdirected), "{request}", "Requests for a host no zone serves (421) or with a malformed Host (400).");
        meter.CreateObservableCounter("lacquer.request_log.dropped", () => _log?.Dropped ?? 0, "{line}", "Request log lines dropped because the log writer fell behind.");
        _duration = meter.CreateHistogram("lacquer.proxy.request.duration", "s", "Time from the request's arrival to its response's end, by zone and cache status.", tags: null, DurationBuckets.Seconds);
    }

    public Meter Meter { get; }

    /// <summary>Reports <paramref name="log"/>'s dropped lines.</summary>
    public void Observe(RequestLog log) => _log = log;

    /// <summary>One finished request of <paramref name="zone"/>, or of no zone (null).</summary>
    public void Served(Zone? zone, CacheOutcome outcome, TimeSpan duration)
    {
        if (zone is null)
        {
            Interlocked.Increment(ref _misdirected);
            return;
        }

        zone.Counters.Served(outcome);
        _duration.Record(
            duration.TotalSeconds,
            new KeyValuePair<string, object?>("zone", zone.Name),
            new KeyValuePair<string, object?>("cache_status", CacheOutcomes.Label(outcome)));
    }

    private IEnumerable<Measurement<long>> ObserveRequests()
    {
        foreach (var zone in _zones())
        {
            for (var outcome = CacheOutcome.None; outcome <= CacheOutcome.Purge; outcome++)
            {
                yield return new Measurement<long>(
                    zone.Counters.ServedCount(outcome),
                    new KeyValuePair<string, object?>("zone", zone.Name),
                    new KeyValuePair<string, object?>("cache_status", CacheOutcomes.Label(outcome)));
            }
        }
    }
}
