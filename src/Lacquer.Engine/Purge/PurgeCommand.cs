using Lacquer.Caching.Store;
using Lacquer.Zones;

namespace Lacquer.Purge;

/// <summary>
/// A validated purge: which zones, which selectors (any of them matching suffices), hard or soft. The store
/// applies it as a <see cref="StorePurge"/> over those zones' state (PurgeService).
/// </summary>
internal sealed record PurgeCommand(IReadOnlyList<Zone> Zones, IReadOnlyList<PurgeSelector> Selectors, bool Soft);
