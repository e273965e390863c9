// The proxy listener does not pay for ASP.NET Core's per-request diagnostics: its hosting layer starts an
// Activity and a logging scope for every request whenever the "Microsoft.AspNetCore.Hosting.Diagnostics"
// category is enabled at Critical, so that category is off on the proxy listener whatever logging is configured
// (here every line from Debug up is kept); Lacquer's own categories keep logging. (Per-request cost in
// docs/performance.md, "1 KiB hits".)
using Lacquer.Harness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lacquer.Hosting;

public sealed class ProxyHostingDiagnosticsTests
{
    [Fact]
    public async Task The_Proxy_Listener_Has_Hosting_Diagnostics_Off_And_Its_Own_Logging_On()
    {
        var log = new CapturedLog(LogLevel.Debug);
        await using var c = await Conversation.StartAsync(logging: log.Add);
        c.Origin.OnGet("/a").Reply(200, "body", "Cache-Control: max-age=60");
        (await c.Client.Get("/a")).ExpectMiss();
        (await c.Client.Get("/a")).ExpectHit();

        var loggers = c.Server.ProxyServices.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger(LacquerServer.HostingDiagnosticsCategory).IsEnabled(LogLevel.Critical));
        Assert.True(loggers.CreateLogger("Lacquer.Proxy").IsEnabled(LogLevel.Debug));
        // Request starting (event 1) and finished (2) are what the hosting layer logs per request; the admin
        // listener, which keeps the category, had no request here.
        Assert.DoesNotContain(log.Lines, line => line.Category == LacquerServer.HostingDiagnosticsCategory && line.EventId is 1 or 2);
        c.Origin.ExpectAllConsumed();
    }
}
