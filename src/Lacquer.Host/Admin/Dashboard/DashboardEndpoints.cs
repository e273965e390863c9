// The operator's dashboard on the admin listener: the page at / and /dashboard and its script and style sheet.
// The files are static and hold no data, so they are served to anyone who can reach the admin listener, like
// /healthz and /api/stats; the data the page shows comes from the admin APIs, each behind its own gate
// (docs/dashboard.md). Only GET and HEAD; any other method gets 405 with Allow.
using Microsoft.AspNetCore.Routing;

namespace Lacquer.Admin.Dashboard;

internal static class DashboardEndpoints
{
    private const string PlainText = "text/plain; charset=utf-8";

    public static void Map(IEndpointRouteBuilder app)
    {
        var site = DashboardSite.Load();
        AdminEndpoints.MapRead(app, "/", PlainText, site.Page.WriteAsync);
        AdminEndpoints.MapRead(app, "/dashboard", PlainText, site.Page.WriteAsync);
        foreach (var file in site.Files)
        {
            AdminEndpoints.MapRead(app, file.Path, PlainText, file.WriteAsync);
        }
    }
}
