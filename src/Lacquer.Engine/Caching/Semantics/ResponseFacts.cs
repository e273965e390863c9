// Owns: the facts about an origin response that the caching rules need, parsed from raw header values
// (several field lines joined with ", "; null when absent). Choices where the RFCs leave room:
//  - Expires present but not an HTTP-date (including "0"): HasExpires = true, Expires = null, which
//    Freshness reads as "already expired" (RFC 9111 §5.3).
//  - Date or Last-Modified that does not parse: null, as if absent (Date then falls back to the
//    response time, RFC 9111 §4.2.3). Repeated Date lines cannot be told apart from the comma inside
//    a date, so they parse as absent too.
//  - Expires is read strictly (HttpDate.TryParseStrict): only an exact HTTP-date is a date there, since
//    §5.3 turns every other value into "already expired". Date and Last-Modified are read leniently
//    (HttpDate.TryParse), as RFC 9110 §5.6.7 encourages for timestamps.
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
        bool hasSetCookie,
        bool hasETag = false)
        => Parse(status, CacheControl.Parse(cacheControl), expires, date, lastModified, age, vary, hasSetCookie, hasETag);

    /// <param name="cacheControl">Directives already parsed, e.g. from a targeted field (RFC 9213).</param>
    public static ResponseFacts Parse(
        int status,
        CacheControl cacheControl,
        string? expires,
        string? date,
        string? lastModified,
        string? age,
        string? vary,
        bool hasSetCookie,
        bool hasETag = false)
    {
        return new ResponseFacts(
            status,
            cacheControl,
            ParseDate(date),
            expires is not null,
            HttpDate.TryParseStrict(expires, out var expiresAt) ? expiresAt : null,
            ParseDate(lastModified),
            ParseAge(age),
            hasSetCookie,
            VaryFields.Parse(vary))
        {
            HasETag = hasETag,
        };
    }

    /// <summary>The response carries an ETag (RFC 9110 §8.8.3).</summary>
    public bool HasETag { get; init; }

    /// <summary>A validator a revalidation can send (RFC 9111 §4.3.1): an ETag or a Last-Modified that parses.</summary>
    public bool HasValidator => HasETag || LastModified is not null;

    private static DateTimeOffset? ParseDate(string? value) =>
        HttpDate.TryParse(value, out var parsed) ? parsed : null;

    /// <summary>
    /// Age = delta-seconds (RFC 9111 §5.1). Age is a singleton, but a list ("0, 7200", or two field lines
    /// joined) is read by its first member and the rest discarded, as §5.1 directs; empty list elements are
    /// skipped (RFC 9110 §5.6.1). When that first member is not a delta-seconds (float "1.5", negative, text)
    /// the field is ignored: null, i.e. age_value 0 "if not available" (§4.2.3). Values above 2^31 clamp (§1.2.2).
    /// </summary>
    private static TimeSpan? ParseAge(string? value)
    {
        if (value is null)
        {
            return null;
        }

        foreach (var range in value.AsSpan().Split(','))
        {
            var member = value.AsSpan()[range].Trim(" \t");
            if (member.IsEmpty)
            {
                continue;
            }

            var age = DeltaSeconds.Parse(member);
            return age.IsValid ? TimeSpan.FromSeconds(age.Seconds) : null;
        }

        return null;
    }
}
