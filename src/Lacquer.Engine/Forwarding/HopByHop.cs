// Hop-by-hop fields (RFC 9110 §7.6.1): they describe one connection and are never forwarded, in either
// direction. Besides the fixed list, every field named in the message's own Connection header is hop-by-hop.
//
// A request's nominated fields are removed as soon as its zone is known (RemoveNominated), before anything
// reads the request: the cache key, Vary selection and the storability decision must see the request the
// origin will see. Were the key to read a nominated CF-Device-Type the origin never got, the origin's default
// page would be stored as the mobile variant for every later mobile client.
using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Lacquer.Forwarding;

internal static class HopByHop
{
    private static readonly FrozenSet<string> Fixed = new[]
    {
        "Connection", "Proxy-Connection", "Keep-Alive", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
        "Proxy-Authenticate", "Proxy-Authorization",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> FixedSpans = Fixed.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsFixed(string name) => Fixed.Contains(name);

    /// <summary>The field names listed in a Connection header; null when there are none (the common case).</summary>
    public static HashSet<string>? NamedIn(StringValues connection)
    {
        HashSet<string>? names = null;
        foreach (var line in connection)
        {
            if (string.IsNullOrEmpty(line))
            {
                continue;
            }

            foreach (var range in line.AsSpan().Split(','))
            {
                var name = line.AsSpan()[range].Trim();
                if (!name.IsEmpty && !name.Equals("close", StringComparison.OrdinalIgnoreCase)
                    && !name.Equals("keep-alive", StringComparison.OrdinalIgnoreCase))
                {
                    (names ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Add(name.ToString());
                }
            }
        }

        return names;
    }

    /// <summary>
    /// Removes from a request's fields every field its Connection header names, except the fixed hop-by-hop
    /// fields (never forwarded anyway, and the listener has already acted on them), Host (the zone and the key
    /// are read from it, and the origin is always sent the request's host) and Content-Length (the listener
    /// has framed the body by it). <paramref name="connectionAsSent"/> adds the Connection lines as the client
    /// sent them, where the listener shortened the field (ConnectionFieldLines). No allocation unless a field
    /// is named, so a plain keep-alive costs nothing.
    /// </summary>
    public static void RemoveNominated(IHeaderDictionary headers, StringValues connectionAsSent)
    {
        RemoveNamedIn(headers, headers.Connection);
        RemoveNamedIn(headers, connectionAsSent);
    }

    private static void RemoveNamedIn(IHeaderDictionary headers, StringValues connection)
    {
        for (var i = 0; i < connection.Count; i++)
        {
            var line = connection[i];
            if (string.IsNullOrEmpty(line))
            {
                continue;
            }

            foreach (var range in line.AsSpan().Split(','))
            {
                var name = line.AsSpan()[range].Trim();
                if (!name.IsEmpty && !name.Equals("close", StringComparison.OrdinalIgnoreCase)
                    && !name.Equals("keep-alive", StringComparison.OrdinalIgnoreCase)
                    && !name.Equals(HeaderNames.Host, StringComparison.OrdinalIgnoreCase)
                    && !name.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase)
                    && !FixedSpans.Contains(name))
                {
                    headers.Remove(name.ToString());
                }
            }
        }
    }

    public static bool Excludes(string name, HashSet<string>? connectionNamed) =>
        Fixed.Contains(name) || (connectionNamed is not null && connectionNamed.Contains(name));
}
