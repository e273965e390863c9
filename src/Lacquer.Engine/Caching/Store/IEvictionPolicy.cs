// The seam between the store and its eviction policy (S3-FIFO by default, LRU on request: cache.evictionPolicy).
// The store calls Admitted, Removed and NextVictim while holding its own lock; Touched comes from the hit
// path without the store lock, so a policy must make Touched cheap and safe to call concurrently.
namespace Lacquer.Caching.Store;

internal interface IEvictionPolicy
{
    /// <summary>A new entry entered the store.</summary>
    void Admitted(CacheEntry entry);

    /// <summary>An entry served a hit.</summary>
    void Touched(CacheEntry entry);

    /// <summary>An entry left the store for any reason (evicted, replaced, purged).</summary>
    void Removed(CacheEntry entry);

    /// <summary>The entry to evict next, or null when the policy tracks none.</summary>
    CacheEntry? NextVictim();
}
