// Which zone a client command means. A 32-hex --zone is a zone id and is used as given (the server checks it);
// anything else is a zone name, looked up in the node's /api/stats (each zone's object carries its id). With no
// --zone, a node with exactly one zone means that zone; with several, the operator must choose: a purge that
// guessed could remove another site's content.
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lacquer.Cli;

internal static partial class ZoneDirectory
{
    public static async Task<(ZoneRef? Zone, string? Error, int ExitCode)> ResolveAsync(AdminClient client, string? zone, CancellationToken cancellationToken)
    {
        if (zone is not null && ZoneId().IsMatch(zone))
        {
            return (new ZoneRef(zone, zone), null, ExitCodes.Ok);
        }

        var stats = await client.SendAsync(HttpMethod.Get, "/api/stats", null, [], cancellationToken);
        if (!stats.Succeeded)
        {
            return (null, $"could not list the node's zones: {stats.Error}", ExitCodes.Failed);
        }

        var zones = Zones(stats.Body);
        var names = zones.Count == 0 ? "none" : string.Join(", ", zones.Select(z => z.Name));
        var found = zone is null
            ? (zones.Count == 1 ? zones[0] : null)
            : zones.FirstOrDefault(z => string.Equals(z.Name, zone, StringComparison.Ordinal))
                ?? zones.FirstOrDefault(z => string.Equals(z.Name, zone, StringComparison.OrdinalIgnoreCase));
        if (found is null)
        {
            return (null, zone is null
                ? $"this node has {zones.Count} zones ({names}); choose one with --zone NAME or --zone ID."
                : $"this node has no zone named '{zone}' (its zones: {names}).", ExitCodes.Usage);
        }

        return found.Id is null
            ? (null, $"this node's /api/stats does not list zone ids; pass --zone with zone {found.Name}'s 32-hex id.", ExitCodes.Usage)
            : (new ZoneRef(found.Id, $"{found.Name} ({found.Id})"), null, ExitCodes.Ok);
    }

    /// <summary>The zones of an /api/stats answer, in the order the node lists them.</summary>
    public static IReadOnlyList<StatsZone> Zones(string statsJson)
    {
        var zones = JsonNode.Parse(statsJson)?["zones"] as JsonObject ?? [];
        return [.. zones
            .Where(zone => zone.Value is JsonObject)
            .Select(zone => new StatsZone(zone.Key, zone.Value!["id"]?.GetValue<string>(), (JsonObject)zone.Value!))];
    }

    [GeneratedRegex("^[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneId();
}

/// <summary>One zone of an /api/stats answer: its name, its id (when the node lists it) and its counters.</summary>
internal sealed record StatsZone(string Name, string? Id, JsonObject Counters);

/// <summary>A zone as a client command addresses it: its id, and how to name it in output.</summary>
internal sealed record ZoneRef(string Id, string Label);
