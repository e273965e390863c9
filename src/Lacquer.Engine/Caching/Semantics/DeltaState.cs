// Owns: the three states a delta-seconds directive value can be in (RFC 9111 §1.2.2).
namespace Lacquer.Caching.Semantics;

/// <summary>Whether a delta-seconds value was absent, parsed, or present but unusable.</summary>
internal enum DeltaState
{
    /// <summary>The directive did not appear.</summary>
    Absent,

    /// <summary>The directive carried a usable non-negative integer.</summary>
    Valid,

    /// <summary>
    /// The directive appeared but its value is not a delta-seconds (non-integer, negative, "1.5", empty,
    /// missing) or it appeared more than once with different values (RFC 9111 §4.2.1).
    /// </summary>
    Invalid,
}
