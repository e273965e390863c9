namespace Lacquer.Configuration;

/// <summary>
/// Which configuration the server runs (its generation: 1 at start-up, one more for each applied reload) and what
/// the last reload attempt did. Immutable; the server swaps in a new one per attempt and /api/stats reports it.
/// </summary>
/// <param name="LastReloadAt">When the last reload was attempted; null when none has been.</param>
/// <param name="LastReloadApplied">Whether that attempt was applied (false: refused, the running configuration kept).</param>
/// <param name="LastReloadErrors">Why it was refused: each error with its configuration path, never a secret.</param>
internal sealed record ConfigurationStatus(
    long Generation,
    DateTimeOffset? LastReloadAt,
    bool LastReloadApplied,
    IReadOnlyList<string> LastReloadErrors)
{
    public static ConfigurationStatus Initial { get; } = new(1, null, false, []);
}
