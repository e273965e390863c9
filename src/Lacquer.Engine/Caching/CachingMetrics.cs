// Owns: the Lacquer.Caching meter — objects and bytes stored and evictions per zone (observed from what the
// store keeps for each zone, ZoneCache, at collection time, so the store does no extra work), responses not stored by reason
// (the NotStoredReasons tokens, as in Cache-Status), and requests that waited on another request's origin
// fetch instead of making their own (coalescing).
using System.Diagnostics.Metrics;
using Lacquer.Caching.Semantics;
using Lacquer.Caching.Store;

namespace Lacquer.Caching;

internal sealed class CachingMetrics
{
    public const string MeterName = "Lacquer.Caching";

    private readonly Func<IEnumerable<(string Zone, ZoneCache Stored)>> _zones;
    private readonly Counter<long> _notStored;
    private readonly Counter<long> _coalesced;

    /// <param name="zones">Each zone's name and what the store keeps for it, read at each collection.</param>
    public CachingMetrics(Meter meter, Func<IEnumerable<(string Zone, ZoneCache Stored)>> zones)
    {
        Meter = meter;
        _zones = zones;
        meter.CreateObservableGauge("lacquer.cache.objects", () => PerZone(static stored => stored.Objects), "{object}", "Objects stored, by zone (including hard-purged ones not yet reclaimed).");
        meter.CreateObservableGauge("lacquer.cache.stored", () => PerZone(static stored => stored.StoredBytes), "By", "Bytes stored (bodies, headers and index overhead), by zone.");
        meter.CreateObservableCounter("lacquer.cache.evictions", ObserveEvictions, "{object}", "Objects evicted to make room, by zone.");
        _notStored = meter.CreateCounter<long>("lacquer.cache.not_stored", "{response}", "Origin responses not stored, by zone and reason.");
        _coalesced = meter.CreateCounter<long>("lacquer.cache.coalesced_waiters", "{request}", "Requests that waited for another request's origin fetch of the same key, by zone.");
    }

    public Meter Meter { get; }

    public void NotStored(string zone, NotStoredReason reason) => _notStored.Add(
        1,
        new KeyValuePair<string, object?>("zone", zone),
        new KeyValuePair<string, object?>("reason", NotStoredReasons.Detail(reason)));

    public void CoalescedWaiter(string zone) => _coalesced.Add(1, new KeyValuePair<string, object?>("zone", zone));

    private IEnumerable<Measurement<long>> PerZone(Func<ZoneCache, long> value)
    {
        foreach (var (zone, stored) in _zones())
        {
            yield return new Measurement<long>(value(stored), new KeyValuePair<string, object?>("zone", zone));
        }
    }

    private IEnumerable<Measurement<long>> ObserveEvictions()
    {
        foreach (var (zone, stored) in _zones())
        {
            yield return new Measurement<long>(stored.EvictionsTotal, new KeyValuePair<string, object?>("zone", zone));
        }
    }
}
