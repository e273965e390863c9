// The "first" load-balancing policy: the first origin in rotation in the order the zone lists them, so that
// `"origins": [active, standby]` sends everything to the active origin while it is in rotation and to the
// standby only while it is not. The reverse proxy library's own policy of that kind (FirstAlphabetical) picks
// the destination whose id sorts first, and its ids here are the origin URLs: an order the operator did not
// write, which would make the standby of "http://10.0.0.12", "http://10.0.0.11" the active one.
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Lacquer.Forwarding.Pools;

internal sealed class FirstInOrderPolicy : ILoadBalancingPolicy
{
    public const string PolicyName = "Lacquer.FirstInOrder";

    public string Name => PolicyName;

    /// <param name="availableDestinations">The origins in rotation, in the zone's order (OriginPool keeps it).</param>
    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations) =>
        availableDestinations.Count == 0 ? null : availableDestinations[0];
}
