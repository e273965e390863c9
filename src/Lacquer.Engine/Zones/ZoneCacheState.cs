// What the cache store keeps for one zone: its purge indexes, its purge-everything fences and its counters.
// Owned by the zone's id rather than by one Zone object: a configuration reload builds new Zone objects, and
// the one for an unchanged id is handed this same state, so that the entries already stored (which point at
// the Zone they were stored under) and the new Zone see one index, one set of fences and one set of counters.
namespace Lacquer.Zones;

internal sealed class ZoneCacheState
{
    private long _hardPurgedBefore;
    private long _softPurgedBefore;
    private long _hiddenEntries;

    public ZoneCounters Counters { get; } = new();

    /// <summary>Used only under the store lock.</summary>
    public Caching.Indexes.ZoneIndex Index { get; } = new();

    public long HardPurgedBefore
    {
        get => Volatile.Read(ref _hardPurgedBefore);
        set => Volatile.Write(ref _hardPurgedBefore, value);
    }

    public long HiddenEntries
    {
        get => Volatile.Read(ref _hiddenEntries);
        set => Volatile.Write(ref _hiddenEntries, value);
    }

    public long SoftPurgedBefore
    {
        get => Volatile.Read(ref _softPurgedBefore);
        set => Volatile.Write(ref _softPurgedBefore, value);
    }
}
