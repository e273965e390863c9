// The Flask reference server's cache API (docs/compat.md, "Reference server"):
//   POST /api/cache/clear -> {"success":true,"message":"Cache cleared"}: every zone is cleared and the hit,
//                            miss and eviction counters are reset; one "Cache cleared" line at Information.
//   GET  /api/cache/stats -> {"hits":H,"misses":M,"evictions":E,"entries":N,"bytes":B,"hitRate":R}, totals
//                            over the zones since start or the last clear.
// Body, query and content type of the clear are ignored. Other methods get Werkzeug's 405 page; OPTIONS is
// answered 200 with the Allow list, as Flask does. Access: OpenSurfaceGate (401 with a token configured).
// Steps of ClearAsync: 1. method; 2. access; 3. purge, then wait for the purge-everything sweep so that the
// stats report no entries and no bytes right after; 4. reset the counters and log; 5. 200.
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Lacquer.Diagnostics;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lacquer.Purge.Api.ReferenceServer;

internal sealed partial class ReferenceServerEndpoint(
    Func<ZoneTable> zones, CacheStore store, PurgeService purges, OpenSurfaceSettings settings, ILogger logger)
{
    public const string Surface = "reference-server";

    private const string JsonContentType = "application/json";

    private readonly OpenSurfaceGate _gate = new(settings, Surface);

    public async Task ClearAsync(HttpContext context)
    {
        // 1. Method.
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await WerkzeugResponses.RefuseAsync(context, "POST, OPTIONS");
            return;
        }

        // 2. Access.
        if (!_gate.TryAdmit(context, out var who, out _))
        {
            await UnauthorizedAsync(context);
            return;
        }

        // 3. Purge every zone; the sweep's end means the hidden entries' memory is reclaimed. A purge the cluster
        //    did not confirm answers {"success": false, "message": …} (docs/cluster.md).
        if (!PurgeWaitRequest.TryRead(context.Request, query: false, out var wait))
        {
            await FailureAsync(context, StatusCodes.Status400BadRequest, PurgeWaitRequest.Rule);
            return;
        }

        var table = zones();
        var (_, cluster) = await purges.PurgeAsync(new PurgeCommand(table.Zones, [PurgeSelector.Everything], Soft: false), who, Surface, wait, context.RequestAborted);
        await store.Sweep;
        if (!cluster.Confirmed)
        {
            await FailureAsync(context, cluster.Status, cluster.Message);
            return;
        }


        // 4. Counters and log.
        foreach (var zone in table.Zones)
        {
            zone.Counters.ResetTraffic(store.ZoneCache(zone.Id));
        }

        CacheCleared(logger);

        // 5. Answer.
        await ApiResponses.WriteJsonAsync(context, StatusCodes.Status200OK, JsonContentType, writer =>
        {
            writer.WriteBoolean("success", true);
            writer.WriteString("message", "Cache cleared");
        });
    }

    private static Task FailureAsync(HttpContext context, int status, string message) =>
        ApiResponses.WriteJsonAsync(context, status, JsonContentType, writer =>
        {
            writer.WriteBoolean("success", false);
            writer.WriteString("message", message);
        });

    public async Task StatsAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            await WerkzeugResponses.RefuseAsync(context, "GET, HEAD, OPTIONS");
            return;
        }

        if (!_gate.TryAdmit(context, out _, out _))
        {
            await UnauthorizedAsync(context);
            return;
        }

        var total = default(CounterSnapshot);
        foreach (var zone in zones().Zones)
        {
            total += zone.Counters.Snapshot(store.ZoneCache(zone.Id));
        }

        // A stale hit is served from the cache too, so it counts as a hit here.
        var hits = total.Hits + total.StaleHits;
        var lookups = hits + total.Misses;
        await ApiResponses.WriteJsonAsync(context, StatusCodes.Status200OK, JsonContentType, writer =>
        {
            writer.WriteNumber("hits", hits);
            writer.WriteNumber("misses", total.Misses);
            writer.WriteNumber("evictions", total.Evictions);
            writer.WriteNumber("entries", total.Objects);
            writer.WriteNumber("bytes", total.StoredBytes);
            writer.WriteNumber("hitRate", lookups == 0 ? 0 : Math.Round((double)hits / lookups, 4));
        });
    }

    private static Task UnauthorizedAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiResponses.WriteJsonAsync(context, StatusCodes.Status401Unauthorized, JsonContentType, writer =>
        {
            writer.WriteBoolean("success", false);
            writer.WriteString("message", "Unauthorized");
        });
    }

    [LoggerMessage(EventId = EventIds.ReferenceServerCacheCleared, Level = LogLevel.Information, Message = "Cache cleared")]
    private static partial void CacheCleared(ILogger logger);
}
