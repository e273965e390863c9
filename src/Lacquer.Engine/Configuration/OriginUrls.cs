namespace Lacquer.Configuration;

/// <summary>
/// A zone origin: an absolute <c>http</c> or <c>https</c> URL with a host, no user information, query or
/// fragment. A path is allowed and acts as a prefix for forwarded requests.
/// </summary>
internal static class OriginUrls
{
    /// <summary>Returns the URL, or null with <paramref name="problem"/> set. The problem never quotes a URL that carries credentials.</summary>
    public static Uri? Parse(string text, out string problem)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.IsFile || url.IsUnc)
        {
            problem = text.Contains('@', StringComparison.Ordinal)
                ? "must be an absolute http or https URL such as http://127.0.0.1:9000"
                : $"must be an absolute http or https URL such as http://127.0.0.1:9000 (found {ObjectReader.Quote(text)})";
            return null;
        }

        problem = url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps ? $"must use http or https, not {url.Scheme}"
            : url.Host.Length == 0 ? "must name a host"
            : url.UserInfo.Length > 0 ? "must not contain user information (credentials do not belong in a URL)"
            : url.Query.Length > 0 || text.Contains('?', StringComparison.Ordinal) ? "must not have a query"
            : url.Fragment.Length > 0 || text.Contains('#', StringComparison.Ordinal) ? "must not have a fragment"
            : string.Empty;
        return problem.Length == 0 ? url : null;
    }
}
