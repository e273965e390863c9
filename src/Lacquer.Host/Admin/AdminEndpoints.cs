// The admin listener's routes (PRODUCT.md "Surfaces"): health, stats, the purge log, the
// Cloudflare-compatible purge API and the seed cache-clear endpoints (COMPAT.md §1–4, docs/compat.md).
// The seed routes take every method and refuse the wrong ones themselves, so that each 405 has its own
// system's body and Allow header.
using Lacquer.Diagnostics;
using Lacquer.Proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lacquer.Admin;

internal static class AdminEndpoints
{
    private static readonly string[] PurgeMethods = [HttpMethods.Post, HttpMethods.Delete];

    public static void Map(IEndpointRouteBuilder app, CachingProxy proxy, AdminServices services)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n", "text/plain; charset=utf-8"));
        app.MapGet("/api/stats", () => Results.Bytes(StatsReport.ToJson(proxy.Zones), "application/json"));
        app.MapGet("/api/purges", services.PurgeLog.HandleAsync);

        // Cloudflare's path, and the same without /client/v4 for clients whose base URL lacks it (COMPAT.md §5).
        app.MapMethods("/client/v4/zones/{zoneId}/purge_cache", PurgeMethods, (HttpContext context, string zoneId) => services.Cloudflare.HandleAsync(context, zoneId));
        app.MapMethods("/zones/{zoneId}/purge_cache", PurgeMethods, (HttpContext context, string zoneId) => services.Cloudflare.HandleAsync(context, zoneId));

        MapSeedEndpoints(app, services);
    }

    private static void MapSeedEndpoints(IEndpointRouteBuilder app, AdminServices services)
    {
        if (services.Crafter is { } crafter)
        {
            // Spring's suffix pattern matching also accepts ".json" (COMPAT.md §1).
            app.Map("/api/1/cache/clear_all", crafter.ClearAllAsync);
            app.Map("/api/1/cache/clear_all.json", crafter.ClearAllAsync);
            app.Map("/api/1/cache/clear", crafter.ClearAsync);
            app.Map("/api/1/cache/clear.json", crafter.ClearAsync);
        }

        if (services.ServiceCache is { } serviceCache)
        {
            app.Map("/api/system/cache/clear", serviceCache.HandleAsync);
            app.Map("/api/system/performance/clear-cache", serviceCache.HandleAsync);
        }

        if (services.ReferenceServer is { } referenceServer)
        {
            app.Map("/api/cache/clear", referenceServer.ClearAsync);
            app.Map("/api/cache/stats", referenceServer.StatsAsync);
        }

        if (services.Flextype is { } flextype)
        {
            app.Map("/api/v1/cache/clear", flextype.HandleAsync);
        }
    }
}
