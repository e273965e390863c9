// The request target of the URL the client sees, and the primary cache key of a request made from it
// (Caching.Keys.CacheKeys: scheme and host from the zone match's SiteAddress, then this target, then the zone's
// key headers). It lives here, beside SiteAddress, because reading it needs the HTTP server's request; the key
// rules themselves stay in Caching, which knows no HTTP server type.
using Lacquer.Caching.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Lacquer.Zones;

internal static class RequestTarget
{
    /// <summary>The request target in origin-form, exactly as received when the client sent origin-form.</summary>
    public static string PathAndQuery(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (!string.IsNullOrEmpty(raw) && raw[0] == '/')
        {
            return raw;
        }

        var request = context.Request;
        return string.Concat((request.PathBase + request.Path).ToUriComponent(), request.QueryString.Value);
    }

    /// <summary>The primary key of <paramref name="context"/>'s request, as a string.</summary>
    /// <param name="scheme">The scheme of the URL the client sees.</param>
    /// <param name="host">The canonical host of that URL (lower-case ASCII, no port), as its zone spells it.</param>
    /// <param name="keyHeaders">The zone's key headers, in configuration order.</param>
    public static string Key(string scheme, string host, string[] keyHeaders, HttpContext context) =>
        CacheKeys.Build(scheme, host, PathAndQuery(context), keyHeaders, new RequestHeaderFields(context.Request.Headers));

    /// <summary>The same key's characters in a pooled buffer, for the hit path (the caller disposes it).</summary>
    public static RequestKey PooledKey(string scheme, string host, string[] keyHeaders, HttpContext context) =>
        RequestKey.For(scheme, host, PathAndQuery(context), keyHeaders, new RequestHeaderFields(context.Request.Headers));
}
