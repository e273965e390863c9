// The admin listener's routes (PRODUCT.md "Surfaces"): health, stats, the purge log and the
// Cloudflare-compatible purge API. The seed endpoints are added by their own capability.
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
    }
}
