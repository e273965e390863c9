// /api/stats as the tests read it: one zone's counters, or the totals, from the admin listener.
using System.Text.Json;

namespace Lacquer.Harness;

internal sealed record Stats(long Hits, long Misses, long StaleHits, long Evictions, long StoredBytes, long Objects)
{
    /// <summary>Fetches /api/stats; <paramref name="zone"/> null reads the totals.</summary>
    public static async Task<Stats> Read(ProxyClient admin, string? zone = "test")
    {
        var exchange = (await admin.Get("/api/stats")).ExpectStatus(200);
        using var json = JsonDocument.Parse(exchange.Body);
        var counters = zone is null ? json.RootElement.GetProperty("total") : json.RootElement.GetProperty("zones").GetProperty(zone);
        return new Stats(
            counters.GetProperty("hits").GetInt64(),
            counters.GetProperty("misses").GetInt64(),
            counters.GetProperty("staleHits").GetInt64(),
            counters.GetProperty("evictions").GetInt64(),
            counters.GetProperty("storedBytes").GetInt64(),
            counters.GetProperty("objects").GetInt64());
    }
}
