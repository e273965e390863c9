namespace Lacquer.Caching.Store;

/// <summary>What happened to an entry offered to the store.</summary>
internal enum InsertResult
{
    Stored,

    /// <summary>Stored, but a soft purge that ran during the fill marked it stale.</summary>
    StoredStale,

    /// <summary>Larger than the whole store.</summary>
    TooLarge,

    /// <summary>A hard purge that ran during the fill covers it (invariant 1).</summary>
    Purged,
}
