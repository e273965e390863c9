namespace Lacquer.Caching.Store;

/// <summary>The result of a lookup: the variant that matches the request, if any, and whether the key has any variant at all.</summary>
internal readonly record struct CacheLookup(CacheEntry? Entry, bool KeyHasVariants)
{
    public static CacheLookup None => default;
}
