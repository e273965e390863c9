// Selecting among Vary variants (RFC 9111 §4.1). A stored variant records, for each field named by its
// response's Vary, the normalised value the request carried. A later request matches when every such field
// normalises to the same value. Normalisation is the one §4.1 names as safe: field lines combined, and the
// whitespace around list commas removed. Values are compared case-sensitively (not all fields are
// case-insensitive), so a harmless case difference costs a miss, never a wrong answer.
//
// A key with many variants finds the request's one by a hash of these values (Caching/Store/VariantTable.cs):
// Hash of a request's fields equals Hash of the values they would be captured as, so an equal hash, confirmed
// by Matches, is the match. The hash is the runtime's string hash (randomised per process, never stored).
using Microsoft.Extensions.Primitives;

namespace Lacquer.Caching.Keys;

internal static class VaryValues
{
    /// <summary>Captures the request's normalised values for <paramref name="names"/> (null when a field is absent).</summary>
    public static string?[] Capture<TFields>(IReadOnlyList<string> names, TFields request)
        where TFields : IRequestFields
    {
        if (names.Count == 0)
        {
            return [];
        }

        var values = new string?[names.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var raw = request.Get(names[i]);
            values[i] = raw.Count == 0 ? null : Normalize(raw);
        }

        return values;
    }

    /// <summary>Whether the request's fields normalise to the <paramref name="stored"/> values (null: the field must be absent).</summary>
    public static bool Matches<TFields>(IReadOnlyList<string> names, string?[] stored, TFields request)
        where TFields : IRequestFields
    {
        for (var i = 0; i < stored.Length; i++)
        {
            var raw = request.Get(names[i]);
            if (raw.Count == 0)
            {
                if (stored[i] is not null)
                {
                    return false;
                }

                continue;
            }

            if (stored[i] is not { } value || !NormalizesTo(raw, value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The hash of the values <see cref="Capture"/> would record for <paramref name="names"/>, without making them.</summary>
    public static int Hash<TFields>(IReadOnlyList<string> names, TFields request)
        where TFields : IRequestFields
    {
        var hash = default(HashCode);
        for (var i = 0; i < names.Count; i++)
        {
            var raw = request.Get(names[i]);
            hash.Add(raw.Count == 0 ? AbsentHash : NormalizedHash(raw));
        }

        return hash.ToHashCode();
    }

    /// <summary>The hash of captured values: equal to <see cref="Hash{TFields}(IReadOnlyList{string}, TFields)"/> of a request they match.</summary>
    public static int Hash(string?[] values)
    {
        var hash = default(HashCode);
        foreach (var value in values)
        {
            hash.Add(value is null ? AbsentHash : string.GetHashCode(value.AsSpan()));
        }

        return hash.ToHashCode();
    }

    /// <summary>Stands for a field the request lacked (a captured null); a string that hashes the same only costs a comparison.</summary>
    private const int AbsentHash = 0x2F6B_3C95;

    private static int NormalizedHash(StringValues values)
    {
        var length = NormalizedLength(values);
        var buffer = length <= 256 ? stackalloc char[length] : new char[length];
        WriteNormalized(values, buffer);
        return string.GetHashCode(buffer);
    }

    /// <summary>Combines field lines with "," and trims the whitespace around each list member.</summary>
    public static string Normalize(StringValues values)
    {
        if (values.Count == 1)
        {
            var single = values[0] ?? string.Empty;
            if (!single.Contains(',', StringComparison.Ordinal))
            {
                return single.Trim();
            }
        }

        return string.Create(NormalizedLength(values), values, static (destination, state) => Normalize(state, destination, write: true));
    }

    /// <summary>The length of <see cref="Normalize(StringValues)"/>'s result, without making it.</summary>
    public static int NormalizedLength(StringValues values) => Normalize(values, [], write: false);

    /// <summary>Writes <see cref="Normalize(StringValues)"/>'s result into <paramref name="destination"/> (at least <see cref="NormalizedLength"/> long).</summary>
    public static int WriteNormalized(StringValues values, Span<char> destination) => Normalize(values, destination, write: true);

    /// <summary>
    /// Compares without making the normalised string: a hit on a response with Vary (Accept-Encoding lists
    /// commas in nearly every request) would otherwise build one per request.
    /// </summary>
    private static bool NormalizesTo(StringValues values, string stored)
    {
        var length = NormalizedLength(values);
        if (length != stored.Length)
        {
            return false;
        }

        var buffer = length <= 256 ? stackalloc char[length] : new char[length];
        WriteNormalized(values, buffer);
        return buffer.SequenceEqual(stored);
    }

    /// <summary>The one normalisation: a separator goes before a member only once something was written.</summary>
    private static int Normalize(StringValues values, Span<char> destination, bool write)
    {
        var written = 0;
        foreach (var line in values)
        {
            if (line is null)
            {
                continue;
            }

            foreach (var range in line.AsSpan().Split(','))
            {
                var member = line.AsSpan()[range].Trim();
                if (written > 0)
                {
                    if (write)
                    {
                        destination[written] = ',';
                    }

                    written++;
                }

                if (write)
                {
                    member.CopyTo(destination[written..]);
                }

                written += member.Length;
            }
        }

        return written;
    }
}
