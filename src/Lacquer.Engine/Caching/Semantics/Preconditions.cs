// Owns: evaluating a client's If-None-Match / If-Modified-Since against a stored response, so that a cache
// hit can answer 304 (RFC 9111 §4.3.2, RFC 9110 §13.1.2, §13.1.3, §13.2.2). Pure: strings in, a bool out.
//  - If-None-Match uses the weak comparison (§8.8.3.2): W/"a" matches "a". "*" matches any stored response.
//  - If-Modified-Since is evaluated only when If-None-Match is absent, and an unparsable date is ignored
//    (§13.1.3). The stored response's modification time is its Last-Modified; without one, its Date; without
//    either, the time it was received (RFC 9111 §4.3.2): a response cannot have changed after it was sent.
//    A stored Last-Modified or Date that does not parse counts as absent.
// If-Match / If-Unmodified-Since / If-Range are not evaluated here: requests carrying them are forwarded.
namespace Lacquer.Caching.Semantics;

internal static class Preconditions
{
    /// <param name="storedDate">The stored response's Date, the fallback for a missing Last-Modified.</param>
    /// <param name="received">When the stored response was received, the last fallback.</param>
    public static bool NotModified(
        string? ifNoneMatch,
        string? ifModifiedSince,
        string? storedETag,
        string? storedLastModified,
        string? storedDate,
        DateTimeOffset received)
    {
        if (ifNoneMatch is not null)
        {
            return storedETag is not null && AnyWeakMatch(ifNoneMatch, storedETag);
        }

        if (ifModifiedSince is null || !HttpDate.TryParse(ifModifiedSince, out var since))
        {
            return false;
        }

        var modified = HttpDate.TryParse(storedLastModified, out var lastModified) ? lastModified
            : HttpDate.TryParse(storedDate, out var date) ? date
            : received;
        return modified <= since;
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
