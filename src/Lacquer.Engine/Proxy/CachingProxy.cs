// The request path (docs/request-path.md):
//   1. match the zone by Host (421 when none, 400 for a malformed Host) and work out the URL the client sees;
//   2. methods other than GET and HEAD go straight to the origin (OPTIONS * is answered here);
//   3. remove the fields the request's Connection names, compute the primary key and look up the variant;
//   4. a fresh variant is served from memory (a hit);
//   5. otherwise coalesce: the first miss for the key fetches (the leader), the others wait for its outcome;
//   6. the leader fetches; a storable body is read into memory by the fill at the origin's pace and stored,
//      while the leader's client is served from that memory at its own pace (CachingProxy.Fill.cs).
// A fault in the store degrades to an origin fetch (invariant 7).
using Lacquer.Caching.Coalescing;
using Lacquer.Caching.Keys;
using Lacquer.Caching.Semantics;
using Lacquer.Caching.Store;
using Lacquer.Diagnostics;
using Lacquer.Forwarding;
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

    /// <param name="connectionAsSent">
    /// The request's Connection lines as the client sent them, where the listener may have shortened the field
    /// (ConnectionFieldLines); empty when it has not.
    /// </param>
    public async Task HandleAsync(HttpContext context, StringValues connectionAsSent)
    {
        // 1. Zone, and the URL the client sees (canonical host, scheme).
        var zones = _zones;
        var match = zones.Resolve(context, out var zone, out var site);
        if (match != HostMatch.Zone)
        {
            await WriteHostErrorAsync(context, match);
            return;
        }

        // Fields the client's Connection names are for this hop only: gone before the key, Vary selection or the
        // storability decision read the request, so that they all see the request the origin will see.
        HopByHop.RemoveNominated(context.Request.Headers, connectionAsSent);

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

        // 3. Key and request directives. The key stays in a pooled buffer until a miss needs it as a string.
        string key;
        var headers = context.Request.Headers;
        var request = RequestFacts.Parse(HttpMethods.Get, HeaderFields.Joined(headers.CacheControl), HeaderFields.Joined(headers.Pragma), headers.ContainsKey(HeaderNames.Authorization));
        StoreLookup found;
        using (var requestKey = RequestKey.For(zone, site, context))
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
                try
                {
                    // A waiter leading the second round looks once more: between its lookup and its Join, another
                    // waiter may have led that round and stored this very variant already.
                    if (round > 0 && LookUp(context, zone, RequestKey.Of(key), request: null) is { Serves: true } stored)
                    {
                        await ServeFoundAsync(context, zone, site, RequestKey.Of(key), stored);
                        fill.Complete(FillOutcome.Stored);
                        return;
                    }

                    // 6. Fetch as the leader.
                    zone.Counters.Miss();
                    await ForwardAsync(context, zone, new ForwardPlan(site, key, HttpMethods.Get, found.Reason, request, fill, found.Stale));
                }
                finally
                {
                    fill.Abandon();
                }

                return;
            }

            Metrics.Caching.CoalescedWaiter(zone);
            var outcome = await fill.Outcome.WaitAsync(context.RequestAborted);
            if (outcome == FillOutcome.Stored)
            {
                var again = LookUp(context, zone, RequestKey.Of(key), request: null);
                if (again.Serves)
                {
                    await ServeFoundAsync(context, zone, site, RequestKey.Of(key), again);
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
            await ForwardAsync(context, zone, new ForwardPlan(site, key, HttpMethods.Get, found.Reason, request, Stale: found.Stale));
            return;
        }
    }
}
