namespace Lacquer.Configuration;

/// <summary>The whole validated, immutable configuration; produced only by <see cref="SettingsReader"/>.</summary>
internal sealed record LacquerSettings(
    ListenSettings Listen,
    CacheSettings Cache,
    IReadOnlyList<ZoneSettings> Zones,
    IReadOnlyList<TokenSettings> Tokens,
    PurgeSettings Purge);
