namespace Lacquer.Configuration;

/// <summary>
/// One zone as configured. <see cref="Id"/> and <see cref="Hosts"/> are lower-cased; <see cref="Name"/>
/// keeps its spelling (names compare case-insensitively). Per-zone TTL and timeout values are already
/// resolved against the global <see cref="CacheSettings"/> defaults.
/// </summary>
internal sealed record ZoneSettings(
    string Name,
    string Id,
    IReadOnlyList<string> Hosts,
    Uri Origin,
    IReadOnlyList<string> CacheKeyHeaders,
    IReadOnlyList<TagHeaderSettings> TagHeaders,
    TimeSpan DefaultTtl,
    TimeSpan MaxHeuristicTtl,
    bool CacheSetCookie,
    TimeSpan OriginTimeout);
