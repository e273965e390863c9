// The counters as /api/stats serves them: totals and one object per zone. The JSON names are API
// (stable names shared by logs, counters and tests): hits, misses, staleHits, evictions, storedBytes, objects, reclaimPending; each zone's object
// also carries the zone's id, so that a client (`lacquer purge --zone NAME`) can find a zone's id by its name. objects and
// storedBytes include entries a hard purge has hidden but the background reclaim has not removed yet (their
// memory is still in use); reclaimPending counts those. "configuration" says which configuration runs (generation,
// 1 at start-up and one more per applied reload) and the last reload attempt: when, applied or refused, and why.
// Each zone whose pool tracks health (more than one origin, or a probe) has "origins": each origin's URL, whether it
// is in rotation ("available"), and the active (probe) and passive (real traffic) verdicts: healthy, unhealthy or
// unknown. A single origin without a probe has no health to report, so none is shown.
using System.Text.Json;
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Lacquer.Forwarding.Pools;
using Lacquer.Zones;

namespace Lacquer.Admin;

internal static class StatsReport
{
    /// <param name="cluster">The purge log; a shared one adds this node's "cluster" member (docs/cluster.md, "Visible state").</param>
    public static byte[] ToJson(ZoneTable zones, CacheStore store, ConfigurationStatus? configuration = null, OriginPools? origins = null, Purge.Cluster.IPurgeLog? cluster = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            var total = default(CounterSnapshot);
            long totalPending = 0;
            writer.WriteStartObject();
            writer.WriteStartObject("zones");
            foreach (var zone in zones.Zones)
            {
                var stored = store.ZoneCache(zone.Id);
                var snapshot = zone.Counters.Snapshot(stored);
                var pending = stored.HiddenEntries;
                total += snapshot;
                totalPending += pending;
                writer.WritePropertyName(zone.Name);
                Write(writer, snapshot, pending, zone.Id, origins?.For(zone));
            }

            writer.WriteEndObject();
            writer.WritePropertyName("total");
            Write(writer, total, totalPending);
            Write(writer, configuration ?? ConfigurationStatus.Initial);
            if (cluster is { IsShared: true })
            {
                writer.WriteStartObject("cluster");
                cluster.WriteState(writer);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, CounterSnapshot counters, long reclaimPending, string? zoneId = null, OriginPool? pool = null)
    {
        writer.WriteStartObject();
        writer.WriteNumber("hits", counters.Hits);
        writer.WriteNumber("misses", counters.Misses);
        writer.WriteNumber("staleHits", counters.StaleHits);
        writer.WriteNumber("evictions", counters.Evictions);
        writer.WriteNumber("storedBytes", counters.StoredBytes);
        writer.WriteNumber("objects", counters.Objects);
        writer.WriteNumber("reclaimPending", reclaimPending);
        if (zoneId is not null)
        {
            writer.WriteString("id", zoneId);
        }

        if (pool is { Settings.TracksHealth: true })
        {
            Write(writer, pool);
        }

        writer.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter writer, OriginPool pool)
    {
        var now = pool.Now;
        writer.WriteStartArray("origins");
        foreach (var origin in pool.Origins)
        {
            writer.WriteStartObject();
            writer.WriteString("url", origin.Url.OriginalString);
            writer.WriteBoolean("available", origin.IsAvailable(now));
            writer.WriteString("active", OriginDestination.Name(origin.Active));
            writer.WriteString("passive", OriginDestination.Name(origin.PassiveUntil is { } until && now < until ? Yarp.ReverseProxy.Model.DestinationHealth.Unhealthy : Yarp.ReverseProxy.Model.DestinationHealth.Healthy));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void Write(Utf8JsonWriter writer, ConfigurationStatus configuration)
    {
        writer.WriteStartObject("configuration");
        writer.WriteNumber("generation", configuration.Generation);
        if (configuration.LastReloadAt is { } at)
        {
            writer.WriteStartObject("lastReload");
            writer.WriteString("at", at);
            writer.WriteString("result", configuration.LastReloadApplied ? "applied" : "refused");
            writer.WriteStartArray("errors");
            foreach (var error in configuration.LastReloadErrors)
            {
                writer.WriteStringValue(error);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("lastReload");
        }

        writer.WriteEndObject();
    }
}
