// GET /api/zones on the admin listener: the zones a read token covers, in configuration order, each with its
// 32-hex id (the zone_id of the Cloudflare-compatible purge API), its name (the key of /api/stats' "zones")
// and its host names. It names no origin: the list is for choosing what to purge and matching it to stats.
using Lacquer.Purge.Api;
using Lacquer.Security;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Admin;

internal sealed class ZoneListReport(Func<ZoneTable> zones, TokenStore tokens)
{
    public async Task HandleAsync(HttpContext context)
    {
        var token = await ReadTokenGate.AuthorizeAsync(context, tokens);
        if (token is null)
        {
            return;
        }

        var visible = zones().Zones.Where(token.Covers).ToArray();
        await ApiResponses.WriteJsonAsync(context, StatusCodes.Status200OK, "application/json", writer =>
        {
            writer.WriteStartArray("zones");
            foreach (var zone in visible)
            {
                writer.WriteStartObject();
                writer.WriteString("id", zone.Id);
                writer.WriteString("name", zone.Name);
                writer.WriteStartArray("hosts");
                foreach (var host in zone.Hosts)
                {
                    writer.WriteStringValue(host);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }
}
