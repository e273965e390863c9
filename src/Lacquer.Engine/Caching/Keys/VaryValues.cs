// Selecting among Vary variants (RFC 9111 §4.1). A stored variant records, for each field named by its
// response's Vary, the normalised value the request carried. A later request matches when every such field
// normalises to the same value. Normalisation is the one §4.1 names as safe: field lines combined, and the
// whitespace around list commas removed. Values are compared case-sensitively (not all fields are
// case-insensitive), so a harmless case difference costs a miss, never a wrong answer.
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Caching.Keys;

internal static class VaryValues
{
    /// <summary>Captures the request's normalised values for <paramref name="names"/> (null when a field is absent).</summary>
    public static string?[] Capture(IReadOnlyList<string> names, IHeaderDictionary requestHeaders)
    {
        if (names.Count == 0)
        {
            return [];
        }

        var values = new string?[names.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var raw = requestHeaders[names[i]];
            values[i] = raw.Count == 0 ? null : Normalize(raw);
        }

        return values;
    }

    public static bool Matches(IReadOnlyList<string> names, string?[] stored, IHeaderDictionary requestHeaders)
    {
        for (var i = 0; i < stored.Length; i++)
        {
            var raw = requestHeaders[names[i]];
            if (raw.Count == 0)
            {
                if (stored[i] is not null)
                {
                    return false;
                }

                continue;
            }

            if (stored[i] is null || !string.Equals(stored[i], Normalize(raw), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
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

        var builder = new System.Text.StringBuilder();
        foreach (var line in values)
        {
            if (line is null)
            {
                continue;
            }

            foreach (var range in line.AsSpan().Split(','))
            {
                var member = line.AsSpan()[range].Trim();
                if (builder.Length > 0)
                {
                    builder.Append(',');
                }

                builder.Append(member);
            }
        }

        return builder.ToString();
    }
}
