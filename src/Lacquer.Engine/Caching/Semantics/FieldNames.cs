// Owns: the canonical (lower-case) form of HTTP field names used across this module.
// Field names are case-insensitive (RFC 9110 §5.1); Vary and qualified directives store them lower-cased.
namespace Lacquer.Caching.Semantics;

internal static class FieldNames
{
    /// <summary>Returns the field name lower-cased (invariant culture).</summary>
    public static string ToLower(ReadOnlySpan<char> name) =>
        string.Create(name.Length, name, static (destination, source) => source.ToLowerInvariant(destination));
}
