// Step 2 of the pipeline for upgrades (WebSockets, SPDY, HTTP/2 extended CONNECT): the caps on upgraded
// connections open at once (maxUpgradesPerClient, maxUpgrades; UpgradeLimiter) are checked before anything
// reaches the origin. A client at its own cap is answered 429 (RFC 6585 §4): it can free a slot by closing one
// of its own. At the cap for everyone the answer is 503: the server is out of room, not the client at fault.
// Either is a short plain-text body, counted (lacquer_upgrades_refused_total) and logged at Debug only, since
// a client that retries in a loop would otherwise flood the log. An admitted upgrade holds its slot until the
// relay ends, however it ends.
using Lacquer.Caching.Keys;
using Lacquer.Configuration;
using Lacquer.Forwarding;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Proxy;

internal sealed partial class CachingProxy
{
    private async Task RelayUpgradeAsync(HttpContext context, Zone zone, SiteAddress site)
    {
        var upgrades = _origin.Upgrades;
        var target = RequestTarget.PathAndQuery(context);
        var client = ClientAddress.Of(context, site);
        var admission = upgrades.Limiter.TryEnter(client);
        if (admission != UpgradeAdmission.Admitted)
        {
            await RefuseUpgradeAsync(context, zone, site, target, client, admission, upgrades.Limiter.Limits);
            return;
        }

        OriginError error;
        try
        {
            error = await upgrades.ForwardAsync(context, zone, site, target);
        }
        finally
        {
            upgrades.Limiter.Leave(client);
        }

        if (error != OriginError.None)
        {
            await WriteOriginErrorAsync(context, zone, error, ForwardReason.Upgrade, target);
        }
    }

    private async Task RefuseUpgradeAsync(HttpContext context, Zone zone, SiteAddress site, string target, System.Net.IPAddress client, UpgradeAdmission admission, UpgradeLimits limits)
    {
        Metrics.Forwarding.UpgradeRefused(zone, admission);
        var perClient = admission == UpgradeAdmission.ClientLimit;
        ProxyLog.UpgradeRefused(
            _logger,
            site.Scheme,
            site.Host,
            target,
            client,
            perClient ? UpgradeLimits.PerClientKey : UpgradeLimits.TotalKey,
            perClient ? limits.PerClient : limits.Total);
        context.Response.Headers[CacheStatus.HeaderName] = perClient ? CacheStatus.UpgradeClientLimit : CacheStatus.UpgradeLimit;
        await WritePlainText(
            context,
            perClient ? StatusCodes.Status429TooManyRequests : StatusCodes.Status503ServiceUnavailable,
            perClient
                ? "Lacquer: this client has too many upgraded connections (WebSockets) open; close one and try again.\n"
                : "Lacquer: too many upgraded connections (WebSockets) are open; try again later.\n");
    }
}
