// One origin of a pool and what is known about its health. The active verdict comes from the probe
// (HealthProbe): thresholds of successes or failures in a row move it between unknown, healthy and unhealthy.
// The passive verdict comes from real traffic: a transport failure (no connection, no answer in time) takes the
// origin out until a probe succeeds or, in a pool without a probe, until the reactivation time has passed. The
// reverse proxy library's DestinationState mirrors both verdicts, so that its load-balancing policies see the
// same origin the pool does.
using Yarp.ReverseProxy.Model;

namespace Lacquer.Forwarding.Pools;

internal sealed class OriginDestination
{
    private readonly Lock _lock = new();
    private int _successes;
    private int _failures;
    private int _inFlight;

    public OriginDestination(Uri url, int index)
    {
        Url = url;
        UriPrefix = OriginClient.UriPrefix(url);
        Index = index;
        State = new DestinationState(url.OriginalString);
    }

    public Uri Url { get; }

    /// <summary>The start of every request URI to this origin: scheme, authority and base path (OriginClient.UriPrefix).</summary>
    public string UriPrefix { get; }

    /// <summary>The origin's position in the pool (0-based), for masks of origins already tried.</summary>
    public int Index { get; }

    /// <summary>The library's view of this origin, handed to its load-balancing policies.</summary>
    public DestinationState State { get; }

    public DestinationHealth Active { get; private set; } = DestinationHealth.Unknown;

    /// <summary>Out of rotation until then after a failure on real traffic; null: no such failure pending.</summary>
    public DateTimeOffset? PassiveUntil { get; private set; }

    /// <summary>An exchange with this origin began (the least-requests policy reads the count).</summary>
    public void Began() => State.ConcurrentRequestCount = Interlocked.Increment(ref _inFlight);

    /// <summary>An exchange with this origin ended: its response is done with, or it failed.</summary>
    public void Ended() => State.ConcurrentRequestCount = Interlocked.Decrement(ref _inFlight);

    public bool IsAvailable(DateTimeOffset now) =>
        Active != DestinationHealth.Unhealthy && (PassiveUntil is not { } until || now >= until);

    /// <summary>Records a probe's result; true when the verdict changed.</summary>
    public bool ProbeResult(bool success, int healthyThreshold, int unhealthyThreshold)
    {
        lock (_lock)
        {
            var before = (Active, PassiveUntil);
            if (success)
            {
                _failures = 0;
                _successes++;
                if (_successes >= healthyThreshold)
                {
                    Active = DestinationHealth.Healthy;
                }

                // A healthy probe answers for the origin again, whatever real traffic said before it.
                if (Active == DestinationHealth.Healthy)
                {
                    PassiveUntil = null;
                }
            }
            else
            {
                _successes = 0;
                _failures++;
                if (_failures >= unhealthyThreshold)
                {
                    Active = DestinationHealth.Unhealthy;
                }
            }

            Mirror();
            return before != (Active, PassiveUntil);
        }
    }

    /// <summary>Records a transport failure on real traffic; true when the origin just left the rotation.</summary>
    public bool TrafficFailed(DateTimeOffset until)
    {
        lock (_lock)
        {
            var wasOut = PassiveUntil is not null;
            PassiveUntil = until;
            Mirror();
            return !wasOut;
        }
    }

    private void Mirror()
    {
        State.Health.Active = Active;
        State.Health.Passive = PassiveUntil is null ? DestinationHealth.Healthy : DestinationHealth.Unhealthy;
    }

    /// <summary>The verdict as /api/stats names it.</summary>
    public static string Name(DestinationHealth health) => health switch
    {
        DestinationHealth.Healthy => "healthy",
        DestinationHealth.Unhealthy => "unhealthy",
        _ => "unknown",
    };
}
