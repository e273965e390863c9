namespace Lacquer.Caching.Store;

/// <summary>
/// A purge as the store applies it: the states of the zones it covers, its selectors (any of them matching
/// suffices) and whether it removes (hard) or marks stale (soft).
/// </summary>
internal sealed record StorePurge(IReadOnlyList<ZoneCache> Zones, IReadOnlyList<PurgeSelector> Selectors, bool Soft)
{
    /// <summary>Whether the purge covers <paramref name="entry"/>: one of its zones, one of its selectors.</summary>
    public bool Covers(CacheEntry entry)
    {
        if (!CoversZone(entry.ZoneCache))
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

    private bool CoversZone(ZoneCache zone)
    {
        foreach (var candidate in Zones)
        {
            if (ReferenceEquals(candidate, zone))
            {
                return true;
            }
        }

        return false;
    }
}
