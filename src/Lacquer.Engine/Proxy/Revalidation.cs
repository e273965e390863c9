// Which validators a revalidation sends (RFC 9111 §4.3.1): If-None-Match with the stored ETag and
// If-Modified-Since with the stored Last-Modified. A client request that carries its own conditionals or a
// Range is forwarded as it is instead: its 304 or 206 belongs to the client, not to the stored entry.
using Lacquer.Caching.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Lacquer.Proxy;

internal static class Revalidation
{
    private static readonly string[] ClientConditionals =
    [
        HeaderNames.IfNoneMatch, HeaderNames.IfModifiedSince, HeaderNames.IfMatch, HeaderNames.IfUnmodifiedSince, HeaderNames.IfRange, HeaderNames.Range,
    ];

    /// <summary>The conditional fields to add for <paramref name="stale"/>, or null when it cannot or should not be revalidated.</summary>
    public static KeyValuePair<string, string>[]? ValidatorsFor(CacheEntry stale, IHeaderDictionary requestHeaders)
    {
        foreach (var name in ClientConditionals)
        {
            if (requestHeaders.ContainsKey(name))
            {
                return null;
            }
        }

        var etag = HeaderFields.Joined(stale.Fields.Find(HeaderNames.ETag));
        var lastModified = HeaderFields.Joined(stale.Fields.Find(HeaderNames.LastModified));
        if (etag is null && lastModified is null)
        {
            return null;
        }

        var validators = new List<KeyValuePair<string, string>>(2);
        if (etag is not null)
        {
            validators.Add(new(HeaderNames.IfNoneMatch, etag));
        }

        if (lastModified is not null)
        {
            validators.Add(new(HeaderNames.IfModifiedSince, lastModified));
        }

        return [.. validators];
    }
}
