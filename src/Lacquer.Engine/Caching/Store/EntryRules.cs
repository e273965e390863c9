// The parts of a stored response that most responses lack, held by the entry as one reference that is null
// when the response has none of them: its Vary names and the request's values for them (RFC 9111 §4.1), the
// targeted cache-control value that governed it (RFC 9213), and what it allows once stale (StalePolicy).
// In the entry itself they took 32 bytes of every entry (three references and the 8-byte policy), most often
// holding two empty arrays, a null and a zero; held here the entry pays 8 (docs/performance.md, Memory).
//
// The responses that do have some of them mostly have the same ones (Vary: Accept-Encoding with the same few
// encodings, a site-wide stale-while-revalidate), so the store shares equal rules between entries
// (SharedRules): an entry with rules then also pays no object of its own. Never written once made; an entry's
// rules are replaced once, by their shared copy, when it is stored.
using Lacquer.Caching.Semantics;

namespace Lacquer.Caching.Store;

internal sealed class EntryRules
{
    public static readonly IReadOnlyList<string> NoVaryNames = Array.Empty<string>();
    public static readonly string?[] NoVaryValues = [];

    private EntryRules(IReadOnlyList<string> varyNames, string?[] varyValues, string? targetedCacheControl, StalePolicy stalePolicy)
    {
        VaryNames = varyNames;
        VaryValues = varyValues;
        TargetedCacheControl = targetedCacheControl;
        StalePolicy = stalePolicy;
    }

    /// <summary>Field names of the response's Vary, lower-cased and sorted; empty when it has none.</summary>
    public IReadOnlyList<string> VaryNames { get; }

    /// <summary>The request's normalised values for <see cref="VaryNames"/>, null where the request lacked the field.</summary>
    public string?[] VaryValues { get; }

    public string? TargetedCacheControl { get; }

    public StalePolicy StalePolicy { get; }

    /// <summary>Rules holding these parts, or null when every one is absent (no Vary, no targeted field, the default policy).</summary>
    public static EntryRules? Of(IReadOnlyList<string> varyNames, string?[] varyValues, string? targetedCacheControl, StalePolicy stalePolicy)
    {
        ArgumentNullException.ThrowIfNull(varyNames);
        ArgumentNullException.ThrowIfNull(varyValues);
        return varyNames.Count == 0 && varyValues.Length == 0 && targetedCacheControl is null && stalePolicy == default
            ? null
            : new(varyNames, varyValues, targetedCacheControl, stalePolicy);
    }

    public static EntryRules? WithVaryNames(EntryRules? rules, IReadOnlyList<string> names) =>
        Of(names, rules?.VaryValues ?? NoVaryValues, rules?.TargetedCacheControl, rules?.StalePolicy ?? default);

    public static EntryRules? WithVaryValues(EntryRules? rules, string?[] values) =>
        Of(rules?.VaryNames ?? NoVaryNames, values, rules?.TargetedCacheControl, rules?.StalePolicy ?? default);

    public static EntryRules? WithTargetedCacheControl(EntryRules? rules, string? targeted) =>
        Of(rules?.VaryNames ?? NoVaryNames, rules?.VaryValues ?? NoVaryValues, targeted, rules?.StalePolicy ?? default);

    public static EntryRules? WithStalePolicy(EntryRules? rules, StalePolicy policy) =>
        Of(rules?.VaryNames ?? NoVaryNames, rules?.VaryValues ?? NoVaryValues, rules?.TargetedCacheControl, policy);

    /// <summary>
    /// The same rules made of shared strings and arrays (SharedStrings, SharedArrays): a new object when anything
    /// changed, for SharedRules to compare by reference.
    /// </summary>
    public EntryRules WithSharedParts(SharedStrings strings, SharedArrays arrays)
    {
        var names = VaryNames is string[] array ? arrays.Share(strings.ShareAll(array)) : VaryNames;
        var values = strings.ShareAll(VaryValues);
        var targeted = TargetedCacheControl is { } text ? strings.Share(text) : null;
        return ReferenceEquals(names, VaryNames) && ReferenceEquals(values, VaryValues) && ReferenceEquals(targeted, TargetedCacheControl)
            ? this
            : new(names, values, targeted, StalePolicy);
    }

    /// <summary>Equal parts, compared by reference (strings and arrays) and by value (the policy).</summary>
    public bool SameAs(EntryRules other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ReferenceEquals(VaryNames, other.VaryNames)
            && ReferenceEquals(TargetedCacheControl, other.TargetedCacheControl)
            && StalePolicy == other.StalePolicy
            && VaryValues.AsSpan().SequenceEqual(other.VaryValues, ReferenceEqualityComparer.Instance);
    }
}
