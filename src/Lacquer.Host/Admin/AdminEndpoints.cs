// The admin listener's routes: health, stats, the zone list, the purge log, the dashboard (docs/dashboard.md),
// the Cloudflare-compatible purge API and the seed cache-clear endpoints (docs/compat.md). Every route takes every method and the wrong ones are
// refused by the surface itself, so that each 405 (RFC 9110 §15.5.6, with Allow) has that surface's own
// body: Cloudflare's envelope, each seed system's, and for Lacquer's own endpoints their own shape
// ({"error":"…"} for the JSON ones, a line of text for /healthz).
using System.Text;
using Lacquer.Admin.Dashboard;
using Lacquer.Configuration;
using Lacquer.Diagnostics;
using Lacquer.Proxy;
using Lacquer.Purge.Api;
using Lacquer.Purge.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lacquer.Admin;

internal static class AdminEndpoints
{
    private const string PlainText = "text/plain; charset=utf-8";
    private const string Json = "application/json";

    /// <param name="services">The current handlers: a configuration reload swaps in a new set (seed surfaces switched on or off).</param>
    /// <param name="configuration">The running configuration's generation and the last reload attempt, for /api/stats.</param>
    /// <param name="cluster">The purge log, for /api/cluster and the "cluster" member of /api/stats.</param>
    public static void Map(IEndpointRouteBuilder app, CachingProxy proxy, Func<AdminServices> current, Func<ConfigurationStatus> configuration, IPurgeLog cluster)
    {
        var services = current();
        MapRead(app, "/healthz", PlainText, context => ApiResponses.WriteAsync(context, StatusCodes.Status200OK, PlainText, "ok\n"u8.ToArray()));
        MapRead(app, "/api/stats", Json, context => ApiResponses.WriteAsync(context, StatusCodes.Status200OK, Json, StatsReport.ToJson(proxy.Zones, proxy.Store, configuration(), proxy.Origin.Pools, cluster)));
        MapRead(app, "/api/cluster", Json, context => ApiResponses.WriteJsonAsync(context, StatusCodes.Status200OK, Json, cluster.WriteState));
        MapRead(app, "/api/purges", Json, services.PurgeLog.HandleAsync);
        MapRead(app, "/api/zones", Json, services.Zones.HandleAsync);
        DashboardEndpoints.Map(app);

        // Cloudflare's path, and the same without /client/v4 for clients whose base URL lacks it (docs/compat.md, "Cloudflare purge_cache").
        app.Map("/client/v4/zones/{zoneId}/purge_cache", (HttpContext context, string zoneId) => services.Cloudflare.HandleAsync(context, zoneId));
        app.Map("/zones/{zoneId}/purge_cache", (HttpContext context, string zoneId) => services.Cloudflare.HandleAsync(context, zoneId));

        MapSeedEndpoints(app, current);
    }

    /// <summary>A read-only endpoint of Lacquer's own: GET and HEAD, else 405 in <paramref name="contentType"/>'s shape.</summary>
    internal static void MapRead(IEndpointRouteBuilder app, string pattern, string contentType, RequestDelegate handler) =>
        app.Map(pattern, context =>
        {
            var method = context.Request.Method;
            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            {
                return handler(context);
            }

            // The method is an HTTP token (RFC 9110 §9.1), safe to echo.
            context.Response.Headers.Allow = "GET, HEAD";
            var message = $"Method {method} is not allowed here; use GET or HEAD.";
            return contentType == Json
                ? ApiResponses.WriteJsonAsync(context, StatusCodes.Status405MethodNotAllowed, Json, writer => writer.WriteString("error", message))
                : ApiResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, contentType, Encoding.UTF8.GetBytes(message + "\n"));
        });

    /// <summary>
    /// Every seed surface's routes are mapped, and each request asks the current handlers: a surface switched off
    /// (now, or by a reload) answers 404 with no body, as a route that does not exist does.
    /// </summary>
    private static void MapSeedEndpoints(IEndpointRouteBuilder app, Func<AdminServices> current)
    {
        // Spring's suffix pattern matching also accepts ".json" (docs/compat.md, "Crafter").
        app.Map("/api/1/cache/clear_all", context => current().Crafter is { } crafter ? crafter.ClearAllAsync(context) : NotFound(context));
        app.Map("/api/1/cache/clear_all.json", context => current().Crafter is { } crafter ? crafter.ClearAllAsync(context) : NotFound(context));
        app.Map("/api/1/cache/clear", context => current().Crafter is { } crafter ? crafter.ClearAsync(context) : NotFound(context));
        app.Map("/api/1/cache/clear.json", context => current().Crafter is { } crafter ? crafter.ClearAsync(context) : NotFound(context));
        app.Map("/api/system/cache/clear", context => current().ServiceCache is { } serviceCache ? serviceCache.HandleAsync(context) : NotFound(context));
        app.Map("/api/system/performance/clear-cache", context => current().ServiceCache is { } serviceCache ? serviceCache.HandleAsync(context) : NotFound(context));
        app.Map("/api/cache/clear", context => current().ReferenceServer is { } referenceServer ? referenceServer.ClearAsync(context) : NotFound(context));
        app.Map("/api/cache/stats", context => current().ReferenceServer is { } referenceServer ? referenceServer.StatsAsync(context) : NotFound(context));
        app.Map("/api/v1/cache/clear", context => current().Flextype is { } flextype ? flextype.HandleAsync(context) : NotFound(context));
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
