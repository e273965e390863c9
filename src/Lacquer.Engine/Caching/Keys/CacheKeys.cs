// The primary cache key (issue 2 §5, PRODUCT.md "Cache key"): scheme + lower-cased host (port dropped) +
// path + query, then the values of the zone's configured key headers. All Vary variants of a URL live under
// this one key, so a URL purge finds them together.
//
// Layout: "http://www.example.com/a?b=1" for a zone without key headers; with key headers each one adds
// "\n<name>:<value>" in configuration order, so two keys differ exactly when one of those values differs.
// '\n' cannot occur in a request target or a header value, so the parts cannot run into each other.
// Path and query are taken as the client sent them (the raw request target), the same form a purge URL has.
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Lacquer.Caching.Keys;

internal static class CacheKeys
{
    public static string ForRequest(Zone zone, HttpContext context) =>
        Build(context.Request.Scheme, context.Request.Host.Host, PathAndQuery(context), zone.CacheKeyHeaders, context.Request.Headers);

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

    /// <summary>Builds a key from its parts; <paramref name="headers"/> supplies the key headers' values.</summary>
    public static string Build(string scheme, string host, string pathAndQuery, string[] keyHeaders, IHeaderDictionary? headers)
    {
        var hostText = ZoneTable.HostWithoutPort(host).ToString().ToLowerInvariant();
        if (keyHeaders.Length == 0)
        {
            return string.Concat(scheme, "://", hostText, pathAndQuery);
        }

        var builder = new System.Text.StringBuilder(128);
        builder.Append(scheme).Append("://").Append(hostText).Append(pathAndQuery);
        foreach (var name in keyHeaders)
        {
            builder.Append('\n').Append(name).Append(':');
            if (headers is not null)
            {
                builder.Append(VaryValues.Normalize(headers[name]));
            }
        }

        return builder.ToString();
    }
}
