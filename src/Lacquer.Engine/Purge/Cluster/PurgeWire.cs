// A purge as the shared log carries it: one JSON object naming the purge id, the node that took it, the caller
// and surface (for the audit log), hard or soft, the zones by name and each selector by kind and normalised value
// (a URL selector of one variant also carries its exact key). Zones travel by name because every node of a
// cluster runs the same zone configuration; a name this node does not know is skipped (docs/cluster.md, "Limits").
using System.Text;
using System.Text.Json;
using Lacquer.Caching.Store;
using Lacquer.Purge;
using Lacquer.Zones;

namespace Lacquer.Purge.Cluster;

internal static class PurgeWire
{
    public static string Write(string id, string node, string who, string surface, PurgeCommand command)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("node", node);
            writer.WriteString("who", who);
            writer.WriteString("surface", surface);
            writer.WriteBoolean("soft", command.Soft);
            writer.WriteStartArray("zones");
            foreach (var zone in command.Zones)
            {
                writer.WriteStringValue(zone.Name);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("selectors");
            foreach (var selector in command.Selectors)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", Kind(selector.Kind));
                writer.WriteString("value", selector.Value);
                if (selector.ExactKey is not null)
                {
                    writer.WriteString("key", selector.ExactKey);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The purge read back against this node's zones; null when the text is not a purge this version wrote.</summary>
    public static WirePurge? Read(string text, ZoneTable zones)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var selectors = new List<PurgeSelector>();
            foreach (var item in root.GetProperty("selectors").EnumerateArray())
            {
                var value = item.GetProperty("value").GetString()!;
                var key = item.TryGetProperty("key", out var exact) ? exact.GetString() : null;
                var selector = Selector(item.GetProperty("kind").GetString()!, value, key);
                if (selector is null)
                {
                    return null;
                }

                selectors.Add(selector);
            }

            var known = new List<Zone>();
            foreach (var name in root.GetProperty("zones").EnumerateArray())
            {
                if (zones.FindByName(name.GetString()!) is { } zone)
                {
                    known.Add(zone);
                }
            }

            return new WirePurge(
                root.GetProperty("id").GetString()!,
                root.GetProperty("node").GetString()!,
                root.GetProperty("who").GetString()!,
                root.GetProperty("surface").GetString()!,
                new PurgeCommand(known, selectors, root.GetProperty("soft").GetBoolean()));
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or NullReferenceException)
        {
            return null;
        }
    }

    private static string Kind(PurgeSelectorKind kind) => kind switch
    {
        PurgeSelectorKind.Everything => "everything",
        PurgeSelectorKind.Url => "url",
        PurgeSelectorKind.Tag => "tag",
        PurgeSelectorKind.Host => "host",
        _ => "prefix",
    };

    /// <summary>Rebuilds a selector from its normalised value with the same factory that made it; normalising twice changes nothing.</summary>
    private static PurgeSelector? Selector(string kind, string value, string? exactKey)
    {
        switch (kind)
        {
            case "everything":
                return PurgeSelector.Everything;
            case "tag":
                return PurgeSelector.ForTag(value);
            case "host":
                return PurgeSelector.ForHost(value);
            case "prefix":
                return PurgeSelector.ForPrefix(value);
            case "url":
                var authority = value.IndexOf("://", StringComparison.Ordinal);
                if (authority <= 0)
                {
                    return null;
                }

                var rest = value[(authority + 3)..];
                var slash = rest.IndexOf('/', StringComparison.Ordinal);
                var host = slash < 0 ? rest : rest[..slash];
                var pathAndQuery = slash < 0 ? string.Empty : rest[slash..];
                return PurgeSelector.ForUrl(value[..authority], host, pathAndQuery, exactKey);
            default:
                return null;
        }
    }
}

/// <summary>A purge read from the shared log.</summary>
internal sealed record WirePurge(string Id, string Node, string Who, string Surface, PurgeCommand Command);
