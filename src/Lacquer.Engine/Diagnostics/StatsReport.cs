// The counters as /api/stats serves them: totals and one object per zone. The JSON names are API
// (STYLE.md §12): hits, misses, staleHits, evictions, storedBytes, objects.
using System.Text.Json;
using Lacquer.Zones;

namespace Lacquer.Diagnostics;

internal static class StatsReport
{
    public static byte[] ToJson(ZoneTable zones)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            var total = default(CounterSnapshot);
            writer.WriteStartObject();
            writer.WriteStartObject("zones");
            foreach (var zone in zones.Zones)
            {
                var snapshot = zone.Counters.Snapshot();
                total += snapshot;
                writer.WritePropertyName(zone.Name);
                Write(writer, snapshot);
            }

            writer.WriteEndObject();
            writer.WritePropertyName("total");
            Write(writer, total);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, CounterSnapshot counters)
    {
        writer.WriteStartObject();
        writer.WriteNumber("hits", counters.Hits);
        writer.WriteNumber("misses", counters.Misses);
        writer.WriteNumber("staleHits", counters.StaleHits);
        writer.WriteNumber("evictions", counters.Evictions);
        writer.WriteNumber("storedBytes", counters.StoredBytes);
        writer.WriteNumber("objects", counters.Objects);
        writer.WriteEndObject();
    }
}
