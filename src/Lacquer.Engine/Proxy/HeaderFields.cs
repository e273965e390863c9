// Lookups over header field lists as Lacquer keeps them (name -> field lines), and the RFC 9111 facts of
// such a list. Names compare case-insensitively (RFC 9110 §5.1).
using Lacquer.Caching.Semantics;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Lacquer.Proxy;

internal static class HeaderFields
{
    public static StringValues Find(IReadOnlyList<KeyValuePair<string, StringValues>> fields, string name)
    {
        // Indexed, not foreach: a foreach over the interface allocates an enumerator, and a conditional hit
        // (If-None-Match, If-Modified-Since) looks up two stored fields this way on every request.
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (field.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return field.Value;
            }
        }

        return StringValues.Empty;
    }

    /// <summary>All field lines of <paramref name="name"/> joined with ", " (RFC 9110 §5.3), or null when absent.</summary>
    public static string? Joined(IReadOnlyList<KeyValuePair<string, StringValues>> fields, string name) => Joined(Find(fields, name));

    public static string? Joined(StringValues values) =>
        values.Count == 0 ? null : values.Count == 1 ? values[0] : string.Join(", ", (IEnumerable<string?>)values);

    /// <param name="targetedCacheControl">
    /// A targeted field's value (RFC 9213 §2.2), already known to be usable (OriginHead.Targeted): when present its
    /// directives replace Cache-Control, and Expires is ignored.
    /// </param>
    public static ResponseFacts Facts(int status, IReadOnlyList<KeyValuePair<string, StringValues>> fields, string? targetedCacheControl = null)
    {
        var targeted = targetedCacheControl is null ? null : CacheControl.ParseTargeted(targetedCacheControl);
        return ResponseFacts.Parse(
            status,
            targeted ?? CacheControl.Parse(Joined(fields, HeaderNames.CacheControl)),
            targeted is null ? Joined(fields, HeaderNames.Expires) : null,
            Joined(fields, HeaderNames.Date),
            Joined(fields, HeaderNames.LastModified),
            Joined(fields, HeaderNames.Age),
            Joined(fields, HeaderNames.Vary),
            Find(fields, HeaderNames.SetCookie).Count > 0,
            Find(fields, HeaderNames.ETag).Count > 0);
    }
}
