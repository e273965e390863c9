// Listing what a zone holds, for the surfaces that report what a clear removed (the service cache clear's
// clearedItems, docs/compat.md, "Service cache"). Walks the zone's path index under the store lock and stops at the limit, so
// the lock is held for at most `max` visible entries (plus any hidden ones not yet swept).
namespace Lacquer.Caching.Store;

internal sealed partial class CacheStore
{
    /// <summary>
    /// The URLs of up to <paramref name="max"/> entries stored for the zone <paramref name="zone"/> is the state of, one per entry (Vary
    /// variants repeat their URL), in no particular order; entries hidden by a purge-everything are left out.
    /// </summary>
    public List<string> Urls(ZoneCache zone, int max)
    {
        var urls = new List<string>();
        if (max <= 0)
        {
            return urls;
        }

        using (EnterLock())
        {
            foreach (var entry in zone.Index.Paths.All())
            {
                if (entry.IsHidden)
                {
                    continue;
                }

                urls.Add(entry.Parts.Url);
                if (urls.Count == max)
                {
                    break;
                }
            }
        }

        return urls;
    }
}
