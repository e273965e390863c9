// Hop-by-hop fields (RFC 9110 §7.6.1): they describe one connection and are never forwarded, in either
// direction. Besides the fixed list, every field named in the message's own Connection header is hop-by-hop.
using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Forwarding;

internal static class HopByHop
{
    private static readonly FrozenSet<string> Fixed = new[]
    {
        "Connection", "Proxy-Connection", "Keep-Alive", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
        "Proxy-Authenticate", "Proxy-Authorization",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

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

    public static bool Excludes(string name, HashSet<string>? connectionNamed) =>
        Fixed.Contains(name) || (connectionNamed is not null && connectionNamed.Contains(name));
}
