// Owns: the answer of Storability.Decide. When not storable for a freshness reason the computed
// lifetime and source are kept (for diagnostics); for earlier reasons they are Zero / None.
namespace Lacquer.Caching.Semantics;

internal readonly record struct StorageDecision(NotStoredReason Reason, TimeSpan FreshnessLifetime, FreshnessSource Source)
{
    public bool Storable => Reason == NotStoredReason.None;

    public static StorageDecision NotStored(NotStoredReason reason) => new(reason, TimeSpan.Zero, FreshnessSource.None);

    public static StorageDecision Stored(TimeSpan lifetime, FreshnessSource source) => new(NotStoredReason.None, lifetime, source);
}
