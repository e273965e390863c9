using Lacquer.Zones;

namespace Lacquer.Purge;

/// <summary>A validated purge: which zones, which selectors (any of them matching suffices), hard or soft.</summary>
internal sealed record PurgeCommand(IReadOnlyList<Zone> Zones, IReadOnlyList<PurgeSelector> Selectors, bool Soft)
{
    public bool Covers(Caching.Store.CacheEntry entry)
    {
        // By the zone's store state, not the Zone object: after a reload the entry may point at the Zone it was
        // stored under and the command at its successor for the same id.
        if (!CoversZone(entry.Zone))
        {
            return false;
        }

        foreach (var selector in Selectors)
        {
            if (selector.Matches(entry))
            {
                return true;
            }
        }

        return false;
    }

    private bool CoversZone(Zone zone)
    {
        foreach (var candidate in Zones)
        {
            if (ReferenceEquals(candidate.CacheState, zone.CacheState))
            {
                return true;
            }
        }

        return false;
    }
}
