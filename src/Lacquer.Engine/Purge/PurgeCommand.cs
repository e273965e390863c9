using Lacquer.Zones;

namespace Lacquer.Purge;

/// <summary>A validated purge: which zones, which selectors (any of them matching suffices), hard or soft.</summary>
internal sealed record PurgeCommand(IReadOnlyList<Zone> Zones, IReadOnlyList<PurgeSelector> Selectors, bool Soft)
{
    public bool Covers(Caching.Store.CacheEntry entry)
    {
        if (!Zones.Contains(entry.Zone))
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
}
