// Owns: the Lacquer.Purge.Cluster meter — this node's lease, its place in the shared purge log and how far behind the
// head it is, and how often it emptied its cache to resynchronise (docs/observability.md). Observed at collection
// time from the Redis purge log; alone (no cluster), the instruments report nothing.
using System.Diagnostics.Metrics;
using Lacquer.Purge.Cluster.Redis;

namespace Lacquer.Purge.Cluster;

internal sealed class ClusterMetrics
{
    public const string MeterName = "Lacquer.Purge.Cluster";

    private volatile RedisPurgeLog? _log;

    public ClusterMetrics(Meter meter)
    {
        Meter = meter;
        meter.CreateObservableGauge("lacquer.cluster.lease_valid", () => Each(log => log.Gate.IsOpen ? 1L : 0L), "{lease}",
            "1 while this node may serve from its cache (its cluster lease is valid), 0 while it forwards everything to the origin.");
        meter.CreateObservableGauge("lacquer.cluster.applied_sequence", () => Each(log => log.Applied), "{purge}",
            "The sequence number of the last purge of the shared log this node applied (all earlier ones included).");
        meter.CreateObservableGauge("lacquer.cluster.lag", () => Each(log => log.Head - log.Applied), "{purge}",
            "Purges in the shared log this node has seen announced but not applied yet.");
        meter.CreateObservableCounter("lacquer.cluster.flushes", () => Each(log => log.Flushes), "{flush}",
            "Times this node emptied its cache because it could not prove it had seen every purge.");
    }

    public Meter Meter { get; }

    public void Observe(RedisPurgeLog log) => _log = log;

    private IEnumerable<Measurement<long>> Each(Func<RedisPurgeLog, long> read) =>
        _log is { } log ? [new Measurement<long>(read(log), new KeyValuePair<string, object?>("node", log.NodeId))] : [];
}
