// The proxy's request pipeline (docs/request-path.md, "How the pipeline is split"). HandleAsync below lists
// its steps and marks them; each step that needs more than a few lines lives in a partial of its own:
// CachingProxy.Lookup.cs (decide whether a stored response serves, and serve it), CachingProxy.Hit.cs (write a
// stored response), CachingProxy.Forward.cs (go to the origin and decide what its answer comes to),
// CachingProxy.Fill.cs (read a storable body into the store), CachingProxy.Respond.cs (write the origin's
// answer), with the rules they apply in Revalidation, StaleOnError, Invalidation, Ranges, Errors and Background.
// A fault in the store degrades to an origin fetch (invariant 7).
using Lacquer.Caching.Coalescing;
using Lacquer.Caching.Keys;
using Lacquer.Caching.Semantics;
using Lacquer.Caching.Store;
using Lacquer.Diagnostics;
using Lacquer.Forwarding;
using Lacquer.Purge.Cluster;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Lacquer.Proxy;

internal sealed partial class CachingProxy
{
    private readonly FillCoalescer _coalescer = new();
    private readonly OriginClient _origin;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile ZoneTable _zones;
    private ServeGate _gate = ServeGate.AlwaysOpen;

    public CachingProxy(ZoneTable zones, CacheStore store, long maxObjectBytes, OriginClient origin, TimeProvider time, ILogger logger, LacquerMetrics? metrics = null)
    {
        Metrics = metrics ?? LacquerMetrics.Unobserved;
        _zones = zones;
        Store = store;
        MaxObjectBytes = maxObjectBytes;
        _origin = origin;
        _time = time;
        _logger = logger;
    }

    public CacheStore Store { get; }

    public LacquerMetrics Metrics { get; }

    public long MaxObjectBytes { get; }

    /// <summary>The current zone table; a request reads it once and finishes on that snapshot.</summary>
    public ZoneTable Zones => _zones;

    /// <summary>Swaps in a reloaded configuration's zones by reference; requests in flight keep the table they read.</summary>
    public void ReplaceZones(ZoneTable zones) => _zones = zones;

    public FillCoalescer Coalescer => _coalescer;

    /// <summary>The forwarder, whose origin pools follow the zone table (OriginPools.Apply).</summary>
    public OriginClient Origin => _origin;

    /// <summary>
    /// Joins a cluster (at start-up, before serving): <paramref name="gate"/> says whether this node may serve from its
    /// cache, and <paramref name="invalidate"/> takes the invalidations after unsafe methods, so that they reach every node.
    /// </summary>
    public void JoinCluster(ServeGate gate, Action<Purge.PurgeCommand> invalidate)
    {
        _gate = gate;
        _invalidate = invalidate;
    }

    /// <summary>
    /// Answers one request on the proxy listener. Steps:
    ///   1. match the zone by Host (421 when none, 400 for a malformed Host) and work out the URL the client sees;
    ///      drop the fields the request's Connection names;
    ///   2. an upgrade (a WebSocket) is relayed (UpgradeForwarder), never stored, unless its client or everyone has
    ///      as many open as the caps allow (CachingProxy.Upgrades.cs); methods other than GET and HEAD
    ///      go straight to the origin, never stored (OPTIONS * is answered here); so does every request while this
    ///      node's cluster lease has run out (docs/cluster.md);
    ///   3. compute the primary key and the request's cache directives;
    ///   4. look up: decide whether a stored variant may be reused (LookUp, which only decides), and if so serve
    ///      it (ServeFoundAsync) — a hit; only-if-cached with nothing usable is a 504;
    ///   5. coalesce: the first miss for the key leads the fill, the others wait for its outcome, then look again
    ///      or, when it was not stored or failed, go to the origin on their own;
    ///   6. the leader goes to the origin (LeadAsync): the forward step decides what the answer comes to
    ///      (ForwardOutcome), the leader completes the fill with it — the one place a fill completes — and the
    ///      respond step writes it, a storable body from the fill's memory while the fill stores it.
    /// </summary>
    /// <param name="connectionAsSent">
    /// The request's Connection lines as the client sent them, where the listener may have shortened the field
    /// (ConnectionFieldLines); empty when it has not.
    /// </param>
    public Task HandleAsync(HttpContext context, StringValues connectionAsSent)
    {
        var match = _zones.Resolve(context, out var zone, out var site);
        return HandleAsync(context, match, zone, site, connectionAsSent);
    }

    /// <summary>
    /// The same, for a caller that has already matched the zone (step 1's Resolve on the current
    /// <see cref="Zones"/>): the proxy listener does, so that its request observer counts the request under that
    /// zone without matching the Host field a second time.
    /// </summary>
    public async Task HandleAsync(HttpContext context, HostMatch match, Zone zone, SiteAddress site, StringValues connectionAsSent)
    {
        // 1. Zone, and the URL the client sees (canonical host, scheme).
        if (match != HostMatch.Zone)
        {
            await WriteHostErrorAsync(context, match);
            return;
        }

        // Fields the client's Connection names are for this hop only: gone before the key, Vary selection or the
        // storability decision read the request, so that they all see the request the origin will see.
        HopByHop.RemoveNominated(context.Request.Headers, connectionAsSent);

        // An upgrade (a WebSocket) is relayed, never cached. The removal above keeps its Connection and Upgrade
        // fields (fixed hop-by-hop fields are never removed from the request), which the relay needs.
        if (UpgradeForwarder.IsUpgrade(context))
        {
            await RelayUpgradeAsync(context, zone, site);
            return;
        }

        // 2. Methods the cache does not answer.
        var method = context.Request.Method;
        if (!HttpMethods.IsHead(method) && !HttpMethods.IsGet(method))
        {
            if (ServerWideOptions.Is(context))
            {
                await ServerWideOptions.AnswerAsync(context);
                return;
            }

            await ForwardAsync(context, zone, new ForwardPlan(site, null, method, ForwardReason.Method, null));
            return;
        }

        // The cluster lease (docs/cluster.md): a node that may not serve from its cache now forwards without
        // looking at it or storing. One volatile read; alone, the gate never closes.
        if (!_gate.IsOpen)
        {
            await ForwardAsync(context, zone, new ForwardPlan(site, null, method, ForwardReason.Bypass, null));
            return;
        }

        // 3. Key and request directives. The key stays in a pooled buffer until a miss needs it as a string.
        string key;
        var headers = context.Request.Headers;
        var request = RequestFacts.Parse(HttpMethods.Get, HeaderFields.Joined(headers.CacheControl), HeaderFields.Joined(headers.Pragma), headers.ContainsKey(HeaderNames.Authorization));
        StoreLookup found;
        using (var requestKey = RequestTarget.PooledKey(site.Scheme, site.Host, zone.CacheKeyHeaders, context))
        {
            // 4. Look up, and serve what the request may reuse.
            found = LookUp(context, zone, requestKey, request);
            if (found.Serves)
            {
                await ServeFoundAsync(context, zone, site, requestKey, found);
                return;
            }

            key = requestKey.ToString();
        }

        if (request.CacheControl.OnlyIfCached)
        {
            // RFC 9111 §5.2.1.7: never contact the origin; 504 when nothing stored will do.
            context.Response.Headers[CacheStatus.HeaderName] = CacheStatus.OnlyIfCached;
            await WritePlainText(context, StatusCodes.Status504GatewayTimeout, "Lacquer: no stored response satisfies only-if-cached.\n");
            return;
        }

        // 5. Coalesce. A waiter whose fill stored a different Vary variant coalesces once more with the other
        //    waiters of its kind, rather than all of them going to the origin at once.
        for (var round = 0; ; round++)
        {
            var fill = _coalescer.Join(key, out var isLeader);
            if (isLeader)
            {
                // 6. Lead the fill. A waiter leading the second round looks once more first: between its lookup
                //    and its Join, another waiter may have led that round and stored this very variant already.
                var plan = new ForwardPlan(site, key, HttpMethods.Get, found.Reason, request, found.Stale);
                await LeadAsync(context, zone, plan, fill, lookFirst: round > 0, countMiss: true);
                return;
            }

            Metrics.Caching.CoalescedWaiter(zone.Name);
            var outcome = await fill.Outcome.WaitAsync(context.RequestAborted);
            if (outcome == FillOutcome.Stored)
            {
                var storedKey = RequestKey.Of(key);
                var again = LookUp(context, zone, storedKey, request: null);
                if (again.Serves)
                {
                    await ServeFoundAsync(context, zone, site, storedKey, again);
                    return;
                }

                if (round == 0)
                {
                    found = again;
                    continue;
                }
            }

            // Not storable, failed, or still no variant for us: fetch on our own, at once.
            zone.Counters.Miss();
            await ForwardAsync(context, zone, new ForwardPlan(site, key, HttpMethods.Get, found.Reason, request, found.Stale));
            return;
        }
    }

    /// <summary>
    /// Goes to the origin as the leader of <paramref name="fill"/>, for a client's miss or a background
    /// revalidation. The fill is completed exactly once, in the finally below: with what the forward step
    /// decided (for a storable body, when its fill has stored it), Stored when a look at the store served the
    /// request, Failed when anything threw. It happens before the response is written, so the waiters of a
    /// response that will not be stored go to the origin at once instead of queueing behind this client.
    /// </summary>
    /// <param name="lookFirst">Look in the store once more before going to the origin (a second-round leader).</param>
    /// <param name="countMiss">Count a miss for the zone when it goes to the origin (a client's request, not a background one).</param>
    private async Task LeadAsync(HttpContext context, Zone zone, ForwardPlan plan, Fill fill, bool lookFirst, bool countMiss)
    {
        var settled = OriginExchange.Known(FillOutcome.Failed);
        OriginExchange exchange;
        try
        {
            if (lookFirst)
            {
                var storedKey = RequestKey.Of(plan.Key!);
                if (LookUp(context, zone, storedKey, request: null) is { Serves: true } stored)
                {
                    await ServeFoundAsync(context, zone, plan.Site, storedKey, stored);
                    settled = OriginExchange.Known(FillOutcome.Stored);
                    return;
                }
            }

            if (countMiss)
            {
                zone.Counters.Miss();
            }

            exchange = await ExchangeAsync(context, zone, plan);
            settled = exchange.Settled;
        }
        finally
        {
            fill.Complete(settled);
        }

        using (exchange)
        {
            await RespondAsync(context, zone, plan.Reason, exchange);
        }
    }
}
