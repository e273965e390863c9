// Owns: the parsed Vary field (RFC 9110 §12.5.5) in a canonical form for secondary cache keys
// (RFC 9111 §4.1): lower-cased, trimmed, empty members dropped, duplicates removed, sorted ordinal,
// so "Accept-Encoding, accept-encoding ,, Origin" and "origin, accept-encoding" compare equal.
namespace Lacquer.Caching.Semantics;

internal sealed class VaryFields
{
    private VaryFields(bool isStar, string[] names)
    {
        IsStar = isStar;
        Names = names;
    }

    /// <summary>No Vary field: every request matches.</summary>
    public static VaryFields None { get; } = new(false, []);

    /// <summary>
    /// A member "*" anywhere: no later request can be matched (RFC 9111 §4.1). <see cref="Names"/>
    /// still lists the other members, for diagnostics only.
    /// </summary>
    public bool IsStar { get; }

    /// <summary>Lower-case field names, distinct, sorted ordinal; never contains "*".</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Parses a Vary value; several field lines arrive joined with ", " (RFC 9110 §5.3).</summary>
    public static VaryFields Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return None;
        }

        var isStar = false;
        var names = new List<string>();
        foreach (var range in value.AsSpan().Split(','))
        {
            // RFC 9110 §5.6.1: empty list elements and OWS around members are ignored.
            var member = value.AsSpan()[range].Trim(" \t");
            if (member.IsEmpty)
            {
                continue;
            }

            if (member is "*")
            {
                isStar = true;
                continue;
            }

            var name = FieldNames.ToLower(member);
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        if (!isStar && names.Count == 0)
        {
            return None;
        }

        names.Sort(StringComparer.Ordinal);
        return new VaryFields(isStar, [.. names]);
    }
}
