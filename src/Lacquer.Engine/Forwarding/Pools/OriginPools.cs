// Every zone's origin pool, kept in step with the zone table: Apply is called with the table at start-up and
// with each reloaded one. A zone whose pool settings did not change keeps its running pool (connections, health
// verdicts, probe); a changed or new zone gets a new pool, and pools no zone uses any more are retired (their
// probes stop). A request finds its pool by its Zone object; one that still holds a zone from before a reload
// finds the pool by the zone's id.
using Lacquer.Configuration;
using Lacquer.Zones;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.LoadBalancing;

namespace Lacquer.Forwarding.Pools;

internal sealed class OriginPools : IDisposable
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, ILoadBalancingPolicy> _policies;
    private readonly OriginHttpClientFactory _clients = new();
    private volatile Table _table = new(new Dictionary<Zone, OriginPool>(ReferenceEqualityComparer.Instance), new Dictionary<string, OriginPool>(StringComparer.Ordinal));

    public OriginPools(IServiceProvider proxyLibrary, TimeProvider time)
    {
        _time = time;
        _policies = proxyLibrary.GetServices<ILoadBalancingPolicy>().Append(new FirstInOrderPolicy()).ToDictionary(policy => policy.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The pools of the zones in <paramref name="zones"/>, reusing the running pool of every unchanged zone.</summary>
    public void Apply(ZoneTable zones)
    {
        List<OriginPool> retired;
        lock (_lock)
        {
            var old = _table;
            var byZone = new Dictionary<Zone, OriginPool>(ReferenceEqualityComparer.Instance);
            var byId = new Dictionary<string, OriginPool>(StringComparer.Ordinal);
            var started = new List<OriginPool>();
            foreach (var zone in zones.Zones)
            {
                if (!old.ById.TryGetValue(zone.Id, out var pool) || !pool.Settings.SameAs(zone.OriginPool))
                {
                    pool = Create(zone.Id, zone.OriginPool);
                    started.Add(pool);
                }

                byZone[zone] = pool;
                byId[zone.Id] = pool;
            }

            retired = [.. old.ById.Values.Where(pool => !byId.ContainsValue(pool))];
            _table = new Table(byZone, byId);
            foreach (var pool in started)
            {
                pool.Start();
            }
        }

        // A retired pool's probe stops now; its connections are left to the garbage collector, not disposed, because
        // requests that picked it before the swap may still be sending or streaming a body through them (the
        // reverse proxy library treats a replaced cluster's client the same way).
        foreach (var pool in retired)
        {
            pool.Retire();
        }
    }

    /// <summary>The zone's pool; null only for a zone no applied table has held.</summary>
    public OriginPool? For(Zone zone)
    {
        var table = _table;
        return table.ByZone.TryGetValue(zone, out var pool) || table.ById.TryGetValue(zone.Id, out pool) ? pool : null;
    }

    /// <summary>Each zone's pool, by zone id, for /api/stats.</summary>
    public IReadOnlyDictionary<string, OriginPool> ById => _table.ById;

    private OriginPool Create(string zoneId, OriginPoolSettings settings)
    {
        var invoker = _clients.CreateClient(new ForwarderHttpClientContext
        {
            ClusterId = zoneId,
            NewConfig = new HttpClientConfig { DangerousAcceptAnyServerCertificate = !settings.ValidateCertificates },
        });
        return new OriginPool(zoneId, settings, invoker, _policies[PolicyName(settings.LoadBalancing)], _time);
    }

    private static string PolicyName(LoadBalancingPolicy policy) => policy switch
    {
        LoadBalancingPolicy.Random => LoadBalancingPolicies.Random,
        LoadBalancingPolicy.LeastRequests => LoadBalancingPolicies.LeastRequests,
        LoadBalancingPolicy.PowerOfTwoChoices => LoadBalancingPolicies.PowerOfTwoChoices,
        LoadBalancingPolicy.First => FirstInOrderPolicy.PolicyName,
        _ => LoadBalancingPolicies.RoundRobin,
    };

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var pool in _table.ById.Values)
            {
                pool.Dispose();
            }

            _table = new Table(new Dictionary<Zone, OriginPool>(), new Dictionary<string, OriginPool>());
        }
    }

    private sealed record Table(Dictionary<Zone, OriginPool> ByZone, Dictionary<string, OriginPool> ById);
}
