// What `lacquer serve` prints once both listeners are up: where they are, which zones it serves (name, id,
// hosts, origin), where the configuration came from and, in demo mode, the demo's token and zone id with
// commands to try. The first line keeps its fixed shape ("Lacquer proxy on URL, admin on URL.", the first proxy
// listener) so that scripts can read the bound addresses; each proxy listener has its own line after it; tokens are listed by name, never by secret (the demo's token is a
// published demo value and is shown so that the try-this lines work).
using Lacquer.Configuration;
using Lacquer.Demo;

namespace Lacquer.Cli;

internal static class StartupBanner
{
    /// <param name="proxies">The proxy listeners' bound addresses, in configuration order; the first line names the first.</param>
    public static async Task WriteAsync(TextWriter output, LacquerSettings settings, IReadOnlyList<Uri> proxies, Uri admin, string? configFile, Uri? demoOrigin)
    {
        var proxy = proxies[0];
        var lines = new List<string>
        {
            $"Lacquer proxy on {proxy}, admin on {admin}.",
            $"  version  {LacquerVersion.Text}",
            configFile is null
                ? "  config   the built-in demo configuration (run your own with: lacquer --config FILE)"
                : $"  config   {Path.GetFullPath(configFile)}{(demoOrigin is null ? string.Empty : ", over the demo configuration")}",
        };
        for (var i = 0; i < proxies.Count; i++)
        {
            var configured = proxies.Count == settings.Listen.Proxy.Count ? settings.Listen.Proxy[i] : null;
            var protocols = proxies[i].Scheme == Uri.UriSchemeHttps ? "TLS, HTTP/2 and HTTP/1.1"
                : configured is not null && settings.Listen.IsH2c(configured) ? "HTTP/2 with prior knowledge (h2c)"
                : "HTTP/1.1";
            lines.Add($"  proxy    {proxies[i]}  (cached traffic, matched to a zone by the Host header; {protocols})");
        }

        lines.Add($"  admin    {admin}  (purge API, /api/stats, /api/purges, /healthz; keep it private)");
        foreach (var zone in settings.Zones)
        {
            lines.Add($"  zone     {zone.Name}  id {zone.Id}  hosts {string.Join(", ", zone.Hosts)}  {(zone.OriginPool.Origins.Count == 1 ? "origin" : "origins")} {string.Join(", ", zone.OriginPool.Origins)}");
        }

        if (settings.Zones.Count == 0)
        {
            lines.Add("  zones    none configured: every request is answered 404 until a zone is added");
        }

        lines.Add(settings.Tokens.Count == 0
            ? "  tokens   none: the purge API refuses every request"
            : $"  tokens   {string.Join(", ", settings.Tokens.Select(token => $"{token.Name} ({string.Join(" ", token.Permissions)})"))}");

        if (demoOrigin is not null)
        {
            AddDemo(lines, settings, proxy, admin, demoOrigin);
        }

        lines.Add("Help: lacquer --help, docs/cli.md. Stop with Ctrl+C.");
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line);
        }

        await output.FlushAsync();
    }

    private static void AddDemo(List<string> lines, LacquerSettings settings, Uri proxy, Uri admin, Uri demoOrigin)
    {
        var zoneId = settings.Zones.FirstOrDefault(zone => zone.Name == "demo")?.Id ?? DemoConfiguration.ZoneId;
        var adminBase = admin.GetLeftPart(UriPartial.Authority);
        lines.Add($"Demo: zone id {zoneId}, token {DemoConfiguration.DemoToken} (all zones; purge and read), the demo site at {demoOrigin}.");
        lines.Add("Try, in another terminal:");
        lines.Add($"  curl -si http://localhost:{proxy.Port}/products/1 | grep -i cache-status    # twice: a miss, then a hit");
        lines.Add($"  lacquer purge --tag product-1 --admin {adminBase} --token {DemoConfiguration.DemoToken}");
        lines.Add($"  curl -s -X POST {adminBase}/client/v4/zones/{zoneId}/purge_cache -H 'Authorization: Bearer {DemoConfiguration.DemoToken}' -H 'Content-Type: application/json' -d '{{\"tags\":[\"product-1\"]}}'");
        lines.Add($"  lacquer stats --admin {adminBase}");
    }
}
