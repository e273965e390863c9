// The bundled demo site: a small origin on a loopback ephemeral port whose pages send the caching and tag
// headers a real CMS would, so that `lacquer --demo` shows a MISS turning into a HIT, a page that is never
// stored, a Vary variant and tags for the purge APIs. Each page prints when the origin rendered it, which
// makes a cached copy easy to tell from a fresh one.
using System.Globalization;
using Lacquer.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lacquer.Demo;

internal sealed class DemoOrigin : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DemoOrigin(WebApplication app, Uri uri)
    {
        _app = app;
        Uri = uri;
    }

    public Uri Uri { get; }

    public static async Task<DemoOrigin> StartAsync(TimeProvider time)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = LacquerServer.HostArguments });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);
        builder.Logging.ClearProviders();
        var app = builder.Build();

        app.MapGet("/", (HttpContext context) => Page(context, time, "public, max-age=60", "home, demo",
            "Welcome to the Lacquer demo. Try /products/1, /news (varies by Accept-Language) and /api/time (never cached)."));
        app.MapGet("/products/{id:int}", (HttpContext context, int id) => Page(context, time, "public, max-age=300",
            $"products, product-{id}", $"Product {id}: a fine lacquered bowl."));
        app.MapGet("/news", (HttpContext context) =>
        {
            context.Response.Headers.Vary = "Accept-Language";
            var german = context.Request.Headers.AcceptLanguage.ToString().StartsWith("de", StringComparison.OrdinalIgnoreCase);
            return Page(context, time, "public, max-age=30", "news", german ? "Neuigkeiten des Tages." : "Today's news.");
        });
        app.MapGet("/api/time", (HttpContext context) => Page(context, time, "no-store", null, "The origin's clock, never cached."));
        app.MapGet("/account", (HttpContext context) => Page(context, time, "private, max-age=60", null, "Your account (private: never stored by a shared cache)."));

        await app.StartAsync();
        return new DemoOrigin(app, BoundAddress.Of(app));
    }

    private static IResult Page(HttpContext context, TimeProvider time, string cacheControl, string? tags, string text)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = cacheControl;
        if (tags is not null)
        {
            headers["Cache-Tag"] = tags;
        }

        var rendered = time.GetUtcNow().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        return Results.Text($"{text}\nRendered by the origin at {rendered} UTC.\n", "text/plain; charset=utf-8");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
