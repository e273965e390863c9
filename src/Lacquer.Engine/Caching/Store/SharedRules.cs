// A bounded, lossy table of the EntryRules many entries repeat: the same Vary names with the same request
// values (Accept-Encoding: gzip across a site), the same stale rules. It runs after the rules' strings and
// arrays were shared (EntryRules.WithSharedParts), so equal rules are usually made of the very same objects,
// and it compares references only. Entries whose rules are equal then hold one object between them.
//
// Two-way set-associative like SharedArrays (TwoWaySlots), so two sites' rules that collide both stay shared.
// Rules are never written once made.
//
// Memory: Slots objects, each held by the table alone only until its slot is reused. EntrySize still charges
// every entry its Vary values in full (invariant 2).
using System.Runtime.CompilerServices;

namespace Lacquer.Caching.Store;

internal sealed class SharedRules
{
    /// <summary>Power of two; the rules that repeat are few (a handful of Vary values and stale rules per site).</summary>
    public const int Slots = 256;

    private readonly EntryRules?[] _slots = new EntryRules?[Slots];

    /// <summary>Rules held by the table equal to <paramref name="rules"/> (by reference), or <paramref name="rules"/>.</summary>
    public EntryRules Share(EntryRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var hash = new HashCode();
        hash.Add(RuntimeHelpers.GetHashCode(rules.VaryNames));
        hash.Add(rules.TargetedCacheControl is { } targeted ? RuntimeHelpers.GetHashCode(targeted) : 0);
        hash.Add(rules.StalePolicy);
        foreach (var value in rules.VaryValues)
        {
            hash.Add(value is null ? 0 : RuntimeHelpers.GetHashCode(value));
        }

        return TwoWaySlots.Share(_slots, hash.ToHashCode(), rules, static (held, given) => held.SameAs(given));
    }
}
