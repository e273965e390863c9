// Serving a stored response: its stored fields, a computed Age (RFC 9111 §4.2.3, §5.1), Via, and
// Cache-Status; HEAD gets the fields of the stored GET without the body.
using System.Collections.Frozen;
using Lacquer.Caching.Semantics;
using Lacquer.Caching.Store;
using Lacquer.Forwarding;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Lacquer.Proxy;

internal sealed partial class CachingProxy
{
    /// <summary>
    /// A reused stored response: 304 when the client's own validators match it (RFC 9111 §4.3.2), 206/416 for
    /// a Range request (CachingProxy.Ranges.cs), otherwise the full response.
    /// </summary>
    private static async Task ServeHitAsync(HttpContext context, Zone zone, CacheEntry entry, DateTimeOffset now, string cacheStatus)
    {
        var headers = context.Request.Headers;
        if (entry.Status == StatusCodes.Status200OK
            && (headers.IfNoneMatch.Count > 0 || headers.IfModifiedSince.Count > 0)
            && Preconditions.NotModified(
            HeaderFields.Joined(headers.IfNoneMatch),
            HeaderFields.Joined(headers.IfModifiedSince),
            HeaderFields.Joined(entry.Fields.Find(HeaderNames.ETag)),
            HeaderFields.Joined(entry.Fields.Find(HeaderNames.LastModified)),
            HeaderFields.Joined(entry.Fields.Find(HeaderNames.Date)),
            entry.ResponseTime))
        {
            ServeNotModified(context, entry, now, cacheStatus);
            return;
        }

        if (headers.Range.Count > 0 && await TryServeRangeAsync(context, entry, zone.MaxRanges, now, cacheStatus))
        {
            return;
        }

        await ServeEntryAsync(context, entry, now, cacheStatus);
    }

    /// <summary>RFC 9110 §15.4.5: a 304 carries the fields a 200 would have had that describe caching and validation.</summary>
    private static void ServeNotModified(HttpContext context, CacheEntry entry, DateTimeOffset now, string cacheStatus)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status304NotModified;
        foreach (var (name, value) in entry.Fields)
        {
            if (NotModifiedFields.Contains(name))
            {
                response.Headers[name] = value;
            }
        }

        response.Headers.Age = AgeField.Text(AgeCalculation.ToAgeHeaderSeconds(entry.CurrentAge(now)));
        AddOwnFields(response.Headers, cacheStatus);
    }

    private static readonly FrozenSet<string> NotModifiedFields = new[]
    {
        HeaderNames.CacheControl, HeaderNames.ContentLocation, HeaderNames.Date, HeaderNames.ETag, HeaderNames.Expires,
        HeaderNames.Vary, HeaderNames.LastModified,
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static async Task ServeEntryAsync(HttpContext context, CacheEntry entry, DateTimeOffset now, string cacheStatus)
    {
        var response = context.Response;
        WriteEntryHead(context, entry, now, cacheStatus);
        if (!Bodyless(entry.Status))
        {
            response.ContentLength = entry.Body.Length;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await ResponseBody.WriteAsync(response, entry.Body, context.RequestAborted);
            }
        }
    }

    /// <summary>Status and fields of a stored response, with its current Age and Lacquer's own fields.</summary>
    private static void WriteEntryHead(HttpContext context, CacheEntry entry, DateTimeOffset now, string cacheStatus)
    {
        var response = context.Response;
        response.StatusCode = entry.Status;
        var headers = response.Headers;
        foreach (var (name, value) in entry.Fields)
        {
            headers[name] = value;
        }

        headers.Age = AgeField.Text(AgeCalculation.ToAgeHeaderSeconds(entry.CurrentAge(now)));
        AddOwnFields(headers, cacheStatus);
    }

    /// <summary>Appends Lacquer's Cache-Status member and Via entry after any from upstream (RFC 9211 §2, RFC 9110 §7.6.3).</summary>
    private static void AddOwnFields(IHeaderDictionary headers, string cacheStatus)
    {
        headers[CacheStatus.HeaderName] = StringValues.Concat(headers[CacheStatus.HeaderName], cacheStatus);
        headers.Via = StringValues.Concat(headers.Via, ForwardedRequestHeaders.ViaValue);
    }

    private static bool Bodyless(int status) => StatusSemantics.HasNoContent(status);
}
