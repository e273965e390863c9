namespace Lacquer.Caching.Store;

/// <summary>What a purge names (docs/purge.md, "Selectors").</summary>
internal enum PurgeSelectorKind
{
    Everything,
    Url,
    Tag,
    Host,
    Prefix,
}
