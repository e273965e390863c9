// Owns: evaluating a client's If-None-Match / If-Modified-Since against a stored response, so that a cache
// hit can answer 304 (RFC 9111 §4.3.2, RFC 9110 §13.1.2, §13.1.3, §13.2.2). Pure: strings in, a bool out.
//  - If-None-Match uses the weak comparison (§8.8.3.2): W/"a" matches "a". "*" matches any stored response.
//  - If-Modified-Since is evaluated only when If-None-Match is absent, only with a stored Last-Modified, and
//    an unparsable date is ignored (§13.1.3).
// If-Match / If-Unmodified-Since / If-Range are not evaluated here: requests carrying them are forwarded.
namespace Lacquer.Caching.Semantics;

internal static class Preconditions
{
    public static bool NotModified(string? ifNoneMatch, string? ifModifiedSince, string? storedETag, string? storedLastModified)
    {
        if (ifNoneMatch is not null)
        {
            return storedETag is not null && AnyWeakMatch(ifNoneMatch, storedETag);
        }

        if (ifModifiedSince is null || storedLastModified is null)
        {
            return false;
        }

        return HttpDate.TryParse(ifModifiedSince, out var since)
            && HttpDate.TryParse(storedLastModified, out var modified)
            && modified <= since;
    }

    private static bool AnyWeakMatch(string ifNoneMatch, string storedETag)
    {
        var stored = Opaque(storedETag.AsSpan().Trim());
        foreach (var range in ifNoneMatch.AsSpan().Split(','))
        {
            var candidate = ifNoneMatch.AsSpan()[range].Trim();
            if (candidate.SequenceEqual("*") || (!candidate.IsEmpty && Opaque(candidate).SequenceEqual(stored)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The opaque-tag of an entity-tag, without the weakness prefix.</summary>
    private static ReadOnlySpan<char> Opaque(ReadOnlySpan<char> entityTag) =>
        entityTag.StartsWith("W/", StringComparison.Ordinal) ? entityTag[2..] : entityTag;
}
