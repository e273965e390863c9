// GET /api/purges on the admin listener: the audit ring as JSON, newest first, filtered to the zones the
// caller's token covers. Needs a token with the read permission (Authorization: Bearer). In a cluster every node
// records every purge of the shared log (the ones other nodes took too), with each node's apply latency.
using System.Text.Json;
using Lacquer.Security;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Purge.Api;

internal sealed class PurgeLogReport(TokenStore tokens, PurgeService purges)
{
    public async Task HandleAsync(HttpContext context)
    {
        var token = await ReadTokenGate.AuthorizeAsync(context, tokens);
        if (token is null)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("purges");
            foreach (var record in purges.Audit.Snapshot())
            {
                if (token.CoversAllZones || record.Zones.All(name => token.CoversZoneNamed(name)))
                {
                    Write(writer, record);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
    }

    private static void Write(Utf8JsonWriter writer, PurgeRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString("id", record.Id);
        writer.WriteString("at", record.At);
        writer.WriteString("who", record.Who);
        writer.WriteString("surface", record.Surface);
        writer.WriteStartArray("zones");
        foreach (var zone in record.Zones)
        {
            writer.WriteStringValue(zone);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("selectors");
        foreach (var selector in record.Selectors)
        {
            writer.WriteStringValue(selector);
        }

        writer.WriteEndArray();
        writer.WriteString("mode", record.Soft ? "soft" : "hard");
        writer.WriteNumber("matched", record.Matched);
        writer.WriteStartArray("notes");
        foreach (var note in record.Notes)
        {
            writer.WriteStringValue(note);
        }

        writer.WriteEndArray();
        writer.WriteNumber("durationMs", Math.Round(record.Duration.TotalMilliseconds, 3));
        if (record.Cluster is { } cluster)
        {
            // Where the purge came from, its place in the shared log, and how long each node took to apply it
            // (append to acknowledgement, by the log server's clock) as the acknowledgements reached this node.
            writer.WriteStartObject("cluster");
            writer.WriteString("node", cluster.Origin);
            writer.WriteNumber("sequence", cluster.Sequence);
            writer.WriteStartObject("appliedMs");
            foreach (var (node, milliseconds) in cluster.Applied)
            {
                writer.WriteNumber(node, Math.Round(milliseconds, 3));
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
