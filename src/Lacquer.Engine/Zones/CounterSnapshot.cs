namespace Lacquer.Zones;

/// <summary>A point-in-time copy of a zone's counters; the names are the JSON names of <c>/api/stats</c>.</summary>
internal readonly record struct CounterSnapshot(long Hits, long Misses, long StaleHits, long Evictions, long StoredBytes, long Objects)
{
    public static CounterSnapshot operator +(CounterSnapshot a, CounterSnapshot b) => new(
        a.Hits + b.Hits,
        a.Misses + b.Misses,
        a.StaleHits + b.StaleHits,
        a.Evictions + b.Evictions,
        a.StoredBytes + b.StoredBytes,
        a.Objects + b.Objects);
}
