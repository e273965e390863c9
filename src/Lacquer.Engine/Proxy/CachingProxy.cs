// The request path (PRODUCT.md "The request path"; docs/request-path.md):
//   1. match the zone by Host, or answer 421;
//   2. methods other than GET and HEAD go straight to the origin;
//   3. compute the primary key and look up the variant for this request;
//   4. a fresh variant is served from memory (a hit);
//   5. otherwise coalesce: the first miss for the key fetches (the leader), the others wait for its outcome;
//   6. the leader streams the origin's response to its client while buffering it for the store.
// A fault in the store degrades to an origin fetch (invariant 7).
using Lacquer.Caching.Coalescing;
using Lacquer.Caching.Keys;
using Lacquer.Caching.Semantics;
using Lacquer.Caching.Store;
using Lacquer.Forwarding;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Lacquer.Proxy;

internal sealed partial class CachingProxy
{
    private readonly FillCoalescer _coalescer = new();
    private readonly OriginClient _origin;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile ZoneTable _zones;

    public CachingProxy(ZoneTable zones, CacheStore store, long maxObjectBytes, OriginClient origin, TimeProvider time, ILogger logger)
    {
        _zones = zones;
        Store = store;
        MaxObjectBytes = maxObjectBytes;
        _origin = origin;
        _time = time;
        _logger = logger;
    }

    public CacheStore Store { get; }

    public long MaxObjectBytes { get; }

    public ZoneTable Zones => _zones;

    public FillCoalescer Coalescer => _coalescer;

    public async Task HandleAsync(HttpContext context)
    {
        // 1. Zone.
        var zones = _zones;
        var hostHeader = context.Request.Headers.Host.ToString();
        if (!zones.TryMatch(hostHeader, out var zone))
        {
            ProxyLog.UnknownHost(_logger, hostHeader);
            await WritePlainText(context, StatusCodes.Status421MisdirectedRequest, $"Lacquer has no zone for host '{SafeForText(hostHeader)}'.\n");
            return;
        }

        // 2. Methods the cache does not answer.
        var method = context.Request.Method;
        if (!HttpMethods.IsHead(method) && !HttpMethods.IsGet(method))
        {
            await ForwardAsync(context, zone, new ForwardPlan(null, method, ForwardReason.Method, null));
            return;
        }

        // 3. Key and request directives.
        var key = CacheKeys.ForRequest(zone, context);
        var headers = context.Request.Headers;
        var request = RequestFacts.Parse(HttpMethods.Get, HeaderFields.Joined(headers.CacheControl), HeaderFields.Joined(headers.Pragma), headers.ContainsKey(HeaderNames.Authorization));
        if (request.CacheControl.NoCache || request.PragmaNoCache)
        {
            // RFC 9111 §5.2.1.4: the client wants a response validated at the origin.
            zone.Counters.Miss();
            await ForwardAsync(context, zone, new ForwardPlan(key, HttpMethods.Get, ForwardReason.Request, request));
            return;
        }

        // 4. Lookup.
        var lookup = await TryServeFromStoreAsync(context, zone, key);
        if (lookup.Served)
        {
            return;
        }

        // 5. Coalesce.
        var fill = _coalescer.Join(key, out var isLeader);
        if (!isLeader)
        {
            var outcome = await fill.Outcome.WaitAsync(context.RequestAborted);
            if (outcome == FillOutcome.Stored && (await TryServeFromStoreAsync(context, zone, key)).Served)
            {
                return;
            }

            zone.Counters.Miss();
            await ForwardAsync(context, zone, new ForwardPlan(key, HttpMethods.Get, lookup.Reason, request, Stale: lookup.Stale));
            return;
        }

        // 6. Fetch as the leader.
        zone.Counters.Miss();
        try
        {
            await ForwardAsync(context, zone, new ForwardPlan(key, HttpMethods.Get, lookup.Reason, request, fill, lookup.Stale));
        }
        finally
        {
            fill.Complete(FillOutcome.Failed);
        }
    }

    /// <summary>Serves a fresh stored response; otherwise says why not, with the stale entry if there is one.</summary>
    private async Task<(bool Served, ForwardReason Reason, CacheEntry? Stale)> TryServeFromStoreAsync(HttpContext context, Zone zone, string key)
    {
        CacheLookup lookup;
        try
        {
            lookup = Store.Lookup(key, context.Request.Headers);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ProxyLog.StoreFault(_logger, key, exception);
            return (false, ForwardReason.Miss, null);
        }

        if (lookup.Entry is null)
        {
            return (false, lookup.KeyHasVariants ? ForwardReason.VaryMiss : ForwardReason.Miss, null);
        }

        var now = _time.GetUtcNow();
        if (!lookup.Entry.IsFresh(now) || lookup.Entry.IsSoftPurged)
        {
            return (false, ForwardReason.Stale, lookup.Entry);
        }

        zone.Counters.Hit();
        await ServeHitAsync(context, lookup.Entry, now);
        return (true, ForwardReason.Miss, null);
    }
}
