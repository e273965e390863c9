// Range requests answered from a stored full 200 (RFC 9111 §3.4, RFC 9110 §14, §15.3.7): one range as a
// 206 with Content-Range, several as multipart/byteranges (§14.6) written as a stream, none satisfiable as
// 416 with "Content-Range: bytes */length". More ranges than the zone's maxRanges get the full 200; overlapping
// or adjacent ones are coalesced first (ByteRanges.cs), so a response is never much longer than the body.
// If-Range (§13.1.5) must match the stored ETag (strong comparison) or Last-Modified (exact date) for the range
// to apply; otherwise the full response is sent.
using System.Globalization;
using Lacquer.Caching.Semantics;
using Lacquer.Caching.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Lacquer.Proxy;

internal sealed partial class CachingProxy
{
    /// <summary>Answers a Range request from <paramref name="entry"/>; false when the full response should be sent instead.</summary>
    /// <param name="maxRanges">The zone's maxRanges.</param>
    private static async Task<bool> TryServeRangeAsync(HttpContext context, CacheEntry entry, int maxRanges, DateTimeOffset now, string cacheStatus)
    {
        var request = context.Request.Headers;
        if (entry.Status != StatusCodes.Status200OK || !HttpMethods.IsGet(context.Request.Method) || !IfRangeHolds(request, entry))
        {
            return false;
        }

        var (outcome, ranges) = ByteRanges.Parse(HeaderFields.Joined(request.Range), entry.Body.Length, maxRanges);
        if (outcome == RangeOutcome.Ignore)
        {
            return false;
        }

        var response = context.Response;
        WriteEntryHead(context, entry, now, cacheStatus);
        response.Headers.AcceptRanges = "bytes";
        if (outcome == RangeOutcome.Unsatisfiable)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentType = default;
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes */{entry.Body.Length}");
            response.ContentLength = 0;
            return true;
        }

        response.StatusCode = StatusCodes.Status206PartialContent;
        if (ranges.Count == 1)
        {
            var (start, end) = ranges[0];
            response.Headers.ContentRange = ContentRange(start, end, entry.Body.Length);
            response.ContentLength = end - start + 1;
            await ResponseBody.WriteAsync(response, entry.Body.AsMemory((int)start, (int)(end - start + 1)), context.RequestAborted);
            return true;
        }

        // Several ranges: a multipart body streamed from the stored one (MultipartByteRanges.cs), never built in memory.
        var multipart = new MultipartByteRanges(
            entry.Body, ranges, HeaderFields.Joined(entry.Fields.Find(HeaderNames.ContentType)), Guid.NewGuid().ToString("N"));
        response.ContentType = multipart.ContentType;
        response.ContentLength = multipart.Length;
        await multipart.WriteAsync(response.BodyWriter, context.RequestAborted);
        return true;
    }

    private static bool IfRangeHolds(IHeaderDictionary request, CacheEntry entry)
    {
        var ifRange = HeaderFields.Joined(request.IfRange);
        if (ifRange is null)
        {
            return true;
        }

        if (ifRange.StartsWith('"'))
        {
            // §13.1.5: strong comparison; a weak stored ETag never matches.
            return string.Equals(ifRange, HeaderFields.Joined(entry.Fields.Find(HeaderNames.ETag)), StringComparison.Ordinal);
        }

        return string.Equals(ifRange, HeaderFields.Joined(entry.Fields.Find(HeaderNames.LastModified)), StringComparison.Ordinal);
    }

    private static string ContentRange(long start, long end, long length) =>
        string.Create(CultureInfo.InvariantCulture, $"bytes {start}-{end}/{length}");
}
