// Owns: the names of the CacheOutcome values, as the metrics and the request log label them, and how many
// there are (arrays indexed by outcome). Reading an outcome back from a response's Cache-Status is the
// proxy's (CacheOutcomeReader), which owns that field's format.

namespace Lacquer.Diagnostics;

internal static class CacheOutcomes
{
    /// <summary>How many CacheOutcome values there are (the size of arrays indexed by them).</summary>
    public const int Count = (int)CacheOutcome.Purge + 1;

    private static readonly string[] Labels = ["none", "hit", "stale", "miss", "revalidated", "pass", "error", "purge"];

    /// <summary>The label value: none, hit, stale, miss, revalidated, pass, error, purge.</summary>
    public static string Label(CacheOutcome outcome) => Labels[(int)outcome];
}
