// The PURGE method on the proxy listener (docs/compat.md, "The PURGE method", the Varnish/Squid/Fastly convention):
//   PURGE /path                           -> hard purge of that URL, every variant
//   PURGE /path + Surrogate-Key: a b      -> purge the tags a and b (also xkey)
//   Fastly-Soft-Purge: 1                  -> soft instead of hard
// Allowed from a loopback address, or with "Authorization: Bearer <token>" of a token that may purge the
// zone. Answers 200 {"status":"ok","id":"…","purged":N}; errors are {"status":"error","message":"…"}, also when
// the cluster did not confirm the purge as Lacquer-Purge-Wait asked (docs/cluster.md).
// The URL purged is the URL a GET keys (SiteAddress: the zone's canonical host, the scheme the client saw).
// Behind a TLS terminator on the same machine every client looks like loopback: list that terminator in
// trustedProxies (then its requests need a token) or keep PURGE from its public side.
using System.Text.Json;
using Lacquer.Caching.Keys;
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Lacquer.Security;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Purge.Api.Native;

internal sealed class PurgeMethodHandler(Func<ZoneTable> zones, TokenStore tokens, PurgeService purges)
{
    public const string Method = "PURGE";
    public const string Surface = "purge-method";

    public async Task HandleAsync(HttpContext context)
    {
        var match = zones().Resolve(context, out var zone, out var site);
        if (match != HostMatch.Zone)
        {
            await WriteAsync(
                context,
                match == HostMatch.Malformed ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound,
                error: match == HostMatch.Malformed ? "The Host field is not a host with an optional port of 0-65535." : "No zone is configured for this host.");
            return;
        }

        var who = Caller(context, zone, site);
        if (who is null)
        {
            await WriteAsync(context, StatusCodes.Status403Forbidden, error: "PURGE is allowed from loopback or with a token that may purge this zone.");
            return;
        }

        var selectors = new List<PurgeSelector>();
        foreach (var header in (string[])["Surrogate-Key", "xkey"])
        {
            foreach (var line in context.Request.Headers[header])
            {
                foreach (var tag in (line ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    selectors.Add(PurgeSelector.ForTag(tag));
                }
            }
        }

        if (selectors.Count == 0)
        {
            // The URL the client sees (scheme and host as GET keyed them), with the target as received; and
            // the System.Uri form, which is what the origin was sent (PurgeSelector "URL spellings").
            var target = RequestTarget.PathAndQuery(context);
            if (!Uri.TryCreate(site.Url(target), UriKind.Absolute, out var uri))
            {
                await WriteAsync(context, StatusCodes.Status400BadRequest, error: "The request target is not a valid URL.");
                return;
            }

            selectors.Add(PurgeSelector.ForUrl(site.Scheme, site.Host, target));
            if (!string.Equals(uri.PathAndQuery, target, StringComparison.Ordinal))
            {
                selectors.Add(PurgeSelector.ForUrl(site.Scheme, site.Host, uri.PathAndQuery));
            }
        }

        if (!PurgeWaitRequest.TryRead(context.Request, query: false, out var wait))
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, error: PurgeWaitRequest.Rule);
            return;
        }

        var soft = context.Request.Headers["Fastly-Soft-Purge"].ToString().Trim() == "1";
        var (record, cluster) = await purges.PurgeAsync(new PurgeCommand([zone], selectors, soft), who, Surface, wait, context.RequestAborted);
        if (!cluster.Confirmed)
        {
            await WriteAsync(context, cluster.Status, error: cluster.Message);
            return;
        }

        await WriteAsync(context, StatusCodes.Status200OK, id: record.Id, purged: record.Matched);
    }

    /// <summary>
    /// Who is asking: "loopback", a token's name, or null when neither is allowed. A loopback peer that is a
    /// trusted proxy does not count as loopback: the request came through it from somewhere else.
    /// </summary>
    private string? Caller(HttpContext context, Zone zone, SiteAddress site)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = tokens.Find(authorization["Bearer ".Length..].Trim());
            return token is not null && token.Covers(zone) && token.Has(TokenSettings.PurgePermission) ? token.Name : null;
        }

        var remote = context.Connection.RemoteIpAddress;
        return remote is not null && System.Net.IPAddress.IsLoopback(remote) && !site.ViaTrustedProxy ? "loopback" : null;
    }

    private static async Task WriteAsync(HttpContext context, int status, string? error = null, string? id = null, long purged = 0)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (error is null)
            {
                writer.WriteString("status", "ok");
                writer.WriteString("id", id);
                writer.WriteNumber("purged", purged);
            }
            else
            {
                writer.WriteString("status", "error");
                writer.WriteString("message", error);
            }

            writer.WriteEndObject();
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }
}
