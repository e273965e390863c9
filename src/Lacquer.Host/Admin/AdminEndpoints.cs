// The admin listener's routes. Health and stats for now; the purge APIs and the seed endpoints are added
// by their own capabilities.
using Lacquer.Diagnostics;
using Lacquer.Proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lacquer.Admin;

internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app, CachingProxy proxy)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n", "text/plain; charset=utf-8"));
        app.MapGet("/api/stats", () => Results.Bytes(StatsReport.ToJson(proxy.Zones), "application/json"));
    }
}
