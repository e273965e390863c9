// Owns: the facts about a client request that the caching rules need, parsed from raw header values
// (several field lines joined with ", "; null when absent). No HttpContext: callers pass strings.
namespace Lacquer.Caching.Semantics;

/// <param name="Method">The request method, case-sensitive (RFC 9110 §9.1).</param>
/// <param name="PragmaNoCache">
/// <c>Pragma: no-cache</c> with no Cache-Control in the request, which then means
/// <c>Cache-Control: no-cache</c> (RFC 9111 §5.4).
/// </param>
internal sealed record RequestFacts(string Method, CacheControl CacheControl, bool HasAuthorization, bool PragmaNoCache)
{
    /// <summary>The client asked for validation: request no-cache, or the Pragma equivalent (RFC 9111 §5.2.1.4, §5.4).</summary>
    public bool NoCache => CacheControl.NoCache || PragmaNoCache;

    /// <summary>A GET with no Cache-Control, Pragma or Authorization, as most requests are: shared, so parsing one allocates nothing.</summary>
    private static readonly RequestFacts PlainGet = new("GET", CacheControl.Empty, HasAuthorization: false, PragmaNoCache: false);

    public static RequestFacts Parse(string method, string? cacheControl, string? pragma, bool hasAuthorization)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (cacheControl is null && pragma is null && !hasAuthorization && string.Equals(method, PlainGet.Method, StringComparison.Ordinal))
        {
            return PlainGet;
        }

        // §5.4: Pragma is ignored when Cache-Control is present. An empty or whitespace-only
        // Cache-Control carries no directive, so it counts as absent here.
        var hasCacheControl = !string.IsNullOrWhiteSpace(cacheControl);
        return new RequestFacts(
            method,
            CacheControl.Parse(cacheControl),
            hasAuthorization,
            !hasCacheControl && HasNoCacheToken(pragma));
    }

    // §5.4: Pragma = 1#pragma-directive; only "no-cache" has a meaning, compared case-insensitively.
    private static bool HasNoCacheToken(string? pragma)
    {
        if (pragma is null)
        {
            return false;
        }

        var reader = new DirectiveReader(pragma);
        while (reader.TryRead(out var name, out _, out _, out _))
        {
            if (name.Equals("no-cache", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
