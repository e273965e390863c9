using System.Text;
using Microsoft.Extensions.Configuration;

namespace Lacquer.Configuration;

/// <summary>Builds configurations the way the host does — JSON first, then override sources — and reads them.</summary>
internal static class TestConfig
{
    public const string ZoneId = "023e105f4ecef8ad9ca31a8372d0c353";

    private static readonly (string Key, string Json)[] ValidZoneFields =
    [
        ("name", "\"example\""),
        ("id", $"\"{ZoneId}\""),
        ("hosts", "[\"www.example.com\"]"),
        ("origin", "\"http://127.0.0.1:9000\""),
    ];

    /// <summary>A valid zone object with fields replaced or added (raw JSON values) or removed (null).</summary>
    public static string Zone(params (string Key, string? Json)[] changes)
    {
        var fields = ValidZoneFields.Select(field => (field.Key, Json: (string?)field.Json)).ToList();
        foreach (var (key, json) in changes)
        {
            var index = fields.FindIndex(field => field.Key == key);
            if (index >= 0)
            {
                fields[index] = (key, json);
            }
            else
            {
                fields.Add((key, json));
            }
        }

        return "{ " + string.Join(", ", fields.Where(field => field.Json is not null).Select(field => $"\"{field.Key}\": {field.Json}")) + " }";
    }

    /// <summary>A document with the given zones array (default: one valid zone) and extra top-level members.</summary>
    public static string Document(string? zones = null, string? extra = null)
    {
        var members = new List<string> { $"\"zones\": {zones ?? $"[{Zone()}]"}" };
        if (extra is not null)
        {
            members.Add(extra);
        }

        return "{ " + string.Join(", ", members) + " }";
    }

    public static IConfiguration Build(string json, params (string Key, string? Value)[] overrides) =>
        new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)))
            .AddInMemoryCollection(overrides.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)))
            .Build();

    public static ConfigResult Read(string json, params (string Key, string? Value)[] overrides) =>
        SettingsReader.Read(Build(json, overrides));

    /// <summary>Reads a document whose only zone is the valid zone with <paramref name="changes"/>.</summary>
    public static ConfigResult ReadZone(params (string Key, string? Json)[] changes) =>
        Read(Document(zones: $"[{Zone(changes)}]"));

    /// <summary>Reads the default document plus one extra top-level member.</summary>
    public static ConfigResult ReadWith(string extraMember) => Read(Document(extra: extraMember));
}
