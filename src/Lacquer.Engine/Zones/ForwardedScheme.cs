// The scheme a client used, as the trusted proxy in front of Lacquer states it. Read only for a peer in
// trustedProxies (ZoneTable.Resolve): X-Forwarded-Proto, else the proto parameter of Forwarded (RFC 7239
// §5.4). Only the last value of each counts — the one the nearest proxy, the trusted peer, set or appended;
// earlier values came from further away and may be the client's own. "http" or "https" in any case; any other
// value states nothing. Reads spans of the fields as received: no allocation on the hit path.
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Zones;

internal static class ForwardedScheme
{
    public const string XForwardedProto = "X-Forwarded-Proto";
    public const string Forwarded = "Forwarded";

    /// <summary>"http", "https", or null when the fields state no usable scheme.</summary>
    public static string? StatedBy(IHeaderDictionary headers) =>
        Scheme(LastItem(LastLine(headers[XForwardedProto]), ',')) ?? Scheme(Parameter(LastElement(LastLine(headers[Forwarded])), "proto"));

    /// <summary>The last line of a field (the one the nearest hop wrote or extended).</summary>
    internal static ReadOnlySpan<char> LastLine(StringValues values) => values.Count == 0 ? default : values[values.Count - 1];

    /// <summary>The item after the last separator of a line, trimmed.</summary>
    internal static ReadOnlySpan<char> LastItem(ReadOnlySpan<char> line, char separator)
    {
        var at = line.LastIndexOf(separator);
        return line[(at + 1)..].Trim();
    }

    /// <summary>The last element of a Forwarded line: after the last comma outside a quoted string.</summary>
    internal static ReadOnlySpan<char> LastElement(ReadOnlySpan<char> line)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '\\')
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == ',')
            {
                start = i + 1;
            }
        }

        return line[start..];
    }

    /// <summary>The value of one parameter (proto, for) in one Forwarded element (token or quoted string), or empty.</summary>
    internal static ReadOnlySpan<char> Parameter(ReadOnlySpan<char> element, string name)
    {
        foreach (var range in element.Split(';'))
        {
            var pair = element[range].Trim();
            var equals = pair.IndexOf('=');
            if (equals > 0 && pair[..equals].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                var value = pair[(equals + 1)..].Trim();
                return value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
            }
        }

        return default;
    }

    private static string? Scheme(ReadOnlySpan<char> value) =>
        value.Equals(SiteAddress.Https, StringComparison.OrdinalIgnoreCase) ? SiteAddress.Https
        : value.Equals(SiteAddress.Http, StringComparison.OrdinalIgnoreCase) ? SiteAddress.Http
        : null;
}
