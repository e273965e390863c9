// Owns: the facts about an origin response that the caching rules need, parsed from raw header values
// (several field lines joined with ", "; null when absent). Choices where the RFCs leave room:
//  - Expires present but not an HTTP-date (including "0"): HasExpires = true, Expires = null, which
//    Freshness reads as "already expired" (RFC 9111 §5.3).
//  - Date or Last-Modified that does not parse: null, as if absent (Date then falls back to the
//    response time, RFC 9111 §4.2.3). Repeated Date lines cannot be told apart from the comma inside
//    a date, so they parse as absent too.
//  - Age: see ParseAge.
namespace Lacquer.Caching.Semantics;

internal sealed record ResponseFacts(
    int Status,
    CacheControl CacheControl,
    DateTimeOffset? Date,
    bool HasExpires,
    DateTimeOffset? Expires,
    DateTimeOffset? LastModified,
    TimeSpan? Age,
    bool HasSetCookie,
    VaryFields Vary)
{
    public static ResponseFacts Parse(
        int status,
        string? cacheControl,
        string? expires,
        string? date,
        string? lastModified,
        string? age,
        string? vary,
        bool hasSetCookie)
    {
        return new ResponseFacts(
            status,
            CacheControl.Parse(cacheControl),
            ParseDate(date),
            expires is not null,
            ParseDate(expires),
            ParseDate(lastModified),
            ParseAge(age),
            hasSetCookie,
            VaryFields.Parse(vary));
    }

    private static DateTimeOffset? ParseDate(string? value) =>
        HttpDate.TryParse(value, out var parsed) ? parsed : null;

    /// <summary>
    /// Age = delta-seconds (RFC 9111 §5.1). A member that is not one (float "1.5", negative, text) is
    /// ignored; with no valid member the value is null, i.e. age_value 0 "if not available" (§4.2.3).
    /// Several lines (a list "5, 7", e.g. two hops that each appended Age) yield the largest valid
    /// member: it never makes the response look fresher than any hop said, in the spirit of §4.2.1
    /// ("the most restrictive ... should be honored"). Values above 2^31 clamp (§1.2.2).
    /// </summary>
    private static TimeSpan? ParseAge(string? value)
    {
        if (value is null)
        {
            return null;
        }

        long? largest = null;
        foreach (var range in value.AsSpan().Split(','))
        {
            var member = DeltaSeconds.Parse(value.AsSpan()[range].Trim(" \t"));
            if (member.IsValid && (largest is null || member.Seconds > largest))
            {
                largest = member.Seconds;
            }
        }

        return largest is null ? null : TimeSpan.FromSeconds(largest.Value);
    }
}
