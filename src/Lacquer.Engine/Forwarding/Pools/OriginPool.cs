// A zone's origins at run time: their connections (one HttpMessageInvoker made by the reverse proxy library's
// client factory, with the pool's HTTP version and certificate rules), their health, and the load-balancing
// policy that picks one per request. Built from OriginPoolSettings and kept across a reload that leaves them
// unchanged (OriginPools).
//
// Picking costs no allocation on the common path: the origins in rotation are kept as arrays that are rebuilt
// only when a verdict changes or a passive exclusion runs out. A pool of one origin skips the policy.
using Lacquer.Configuration;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Lacquer.Forwarding.Pools;

internal sealed class OriginPool : IDisposable
{
    private readonly ILoadBalancingPolicy _policy;
    private readonly ClusterState _cluster;
    private readonly TimeProvider _time;
    private readonly HealthProbe? _probe;
    private volatile Rotation? _rotation;

    public OriginPool(string zoneId, OriginPoolSettings settings, HttpMessageInvoker invoker, ILoadBalancingPolicy policy, TimeProvider time)
    {
        Settings = settings;
        Invoker = invoker;
        _policy = policy;
        _time = time;
        _cluster = new ClusterState(zoneId);
        Origins = [.. settings.Origins.Select((url, index) => new OriginDestination(url, index))];
        if (settings.HealthCheck.Path is not null)
        {
            _probe = new HealthProbe(this, settings.HealthCheck, time);
        }
    }

    public OriginPoolSettings Settings { get; }

    public HttpMessageInvoker Invoker { get; }

    public IReadOnlyList<OriginDestination> Origins { get; }

    /// <summary>The pool's clock's time, for reports of passive exclusions.</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Probe rounds completed so far (0 without a probe); tests wait on it.</summary>
    public long ProbeRounds => _probe?.Rounds ?? 0;

    /// <summary>Starts the active probe, if the pool has one; its first round runs at once.</summary>
    public void Start() => _probe?.Start();

    /// <summary>
    /// The origin for this request among those in rotation and not in <paramref name="tried"/> (a bit per origin
    /// index); null when none is left.
    /// </summary>
    public OriginDestination? Pick(HttpContext context, ulong tried = 0)
    {
        var rotation = CurrentRotation();
        var origins = rotation.Origins;
        var states = rotation.States;
        if (tried != 0)
        {
            origins = [.. origins.Where(origin => (tried & (1UL << origin.Index)) == 0)];
            states = [.. origins.Select(origin => origin.State)];
        }

        if (origins.Length <= 1)
        {
            return origins.Length == 0 ? null : origins[0];
        }

        var picked = _policy.PickDestination(context, _cluster, states);
        return Array.Find(origins, origin => ReferenceEquals(origin.State, picked)) ?? origins[0];
    }

    /// <summary>A transport failure on real traffic: the origin leaves the rotation when the pool tracks health.</summary>
    public void TrafficFailed(OriginDestination origin)
    {
        if (!Settings.TracksHealth)
        {
            return;
        }

        // With a probe, the probe brings the origin back; without one, time does.
        var until = _probe is not null ? DateTimeOffset.MaxValue : _time.GetUtcNow() + Settings.HealthCheck.ReactivateAfter;
        if (origin.TrafficFailed(until))
        {
            _rotation = null;
        }
    }

    internal void ProbeResult(OriginDestination origin, bool success)
    {
        var health = Settings.HealthCheck;
        if (origin.ProbeResult(success, health.HealthyThreshold, health.UnhealthyThreshold))
        {
            _rotation = null;
        }
    }

    private Rotation CurrentRotation()
    {
        var rotation = _rotation;
        var now = _time.GetUtcNow();
        if (rotation is not null && now < rotation.ValidUntil)
        {
            return rotation;
        }

        var next = DateTimeOffset.MaxValue;
        var available = new List<OriginDestination>(Origins.Count);
        foreach (var origin in Origins)
        {
            if (origin.IsAvailable(now))
            {
                available.Add(origin);
            }
            else if (origin.PassiveUntil is { } until && until > now && until < next && origin.Active != DestinationHealth.Unhealthy)
            {
                next = until;
            }
        }

        rotation = new Rotation([.. available], [.. available.Select(origin => origin.State)], next);
        _rotation = rotation;
        return rotation;
    }

    /// <summary>Stops the probe of a pool no zone uses any more; exchanges still using its connections finish.</summary>
    public void Retire() => _probe?.Dispose();

    public void Dispose()
    {
        _probe?.Dispose();
        Invoker.Dispose();
    }

    /// <summary>The origins in rotation, and when a passive exclusion ends and the list must be looked at again.</summary>
    private sealed record Rotation(OriginDestination[] Origins, DestinationState[] States, DateTimeOffset ValidUntil);
}
