// Owns: the metrics of one Lacquer server, one Meter per capability (Lacquer.Proxy, Lacquer.Caching,
// Lacquer.Forwarding, Lacquer.Purge, Lacquer.Purge.Cluster; docs/observability.md lists every instrument). Each server builds its
// own set, with itself as the meters' scope, so that an exporter can take exactly this server's instruments
// (Owns) even when several servers share a process, as the tests do. Components built without a server
// (unit tests, benchmarks) use Unobserved, which no exporter takes.
using System.Diagnostics.Metrics;
using Lacquer.Caching;
using Lacquer.Caching.Store;
using Lacquer.Forwarding;
using Lacquer.Purge;
using Lacquer.Purge.Cluster;
using Lacquer.Zones;

namespace Lacquer.Proxy;

internal sealed class LacquerMetrics : IDisposable
{
    /// <summary>The meter names an exporter subscribes to.</summary>
    public static readonly string[] MeterNames = [ProxyMetrics.MeterName, CachingMetrics.MeterName, ForwardingMetrics.MeterName, PurgeMetrics.MeterName, ClusterMetrics.MeterName];

    /// <param name="zones">The zones whose counters the observable instruments report, read at each collection.</param>
    /// <param name="store">The store whose state for those zones the caching instruments report; null: none.</param>
    public LacquerMetrics(Func<IReadOnlyList<Zone>> zones, CacheStore? store = null)
    {
        Proxy = new ProxyMetrics(CreateMeter(ProxyMetrics.MeterName), zones);
        Caching = new CachingMetrics(
            CreateMeter(CachingMetrics.MeterName),
            () => store is null ? [] : zones().Select(zone => (zone.Name, store.ZoneCache(zone.Id))));
        Forwarding = new ForwardingMetrics(CreateMeter(ForwardingMetrics.MeterName));
        Purge = new PurgeMetrics(CreateMeter(PurgeMetrics.MeterName));
        Cluster = new ClusterMetrics(CreateMeter(ClusterMetrics.MeterName));
    }

    /// <summary>For components built without a server: recorded, never exported.</summary>
    public static LacquerMetrics Unobserved { get; } = new(static () => []);

    public ProxyMetrics Proxy { get; }

    public CachingMetrics Caching { get; }

    public ForwardingMetrics Forwarding { get; }

    public PurgeMetrics Purge { get; }

    public ClusterMetrics Cluster { get; }

    /// <summary>Reports the cluster's lease, applied sequence and lag from <paramref name="log"/>.</summary>
    public void Observe(Purge.Cluster.Redis.RedisPurgeLog log) => Cluster.Observe(log);

    /// <summary>True for the instruments of this server's meters (an exporter's filter).</summary>
    public bool Owns(Instrument instrument) => ReferenceEquals(instrument.Meter.Scope, this);

    public void Dispose()
    {
        Proxy.Meter.Dispose();
        Caching.Meter.Dispose();
        Forwarding.Meter.Dispose();
        Purge.Meter.Dispose();
        Cluster.Meter.Dispose();
    }

    private Meter CreateMeter(string name) => new(new MeterOptions(name) { Scope = this });
}
