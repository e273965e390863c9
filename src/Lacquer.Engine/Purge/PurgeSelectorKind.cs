namespace Lacquer.Purge;

/// <summary>What a purge names (PRODUCT.md "The purge path").</summary>
internal enum PurgeSelectorKind
{
    Everything,
    Url,
    Tag,
    Host,
    Prefix,
}
