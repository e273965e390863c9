// One file of the dashboard as the admin listener serves it: its path, content type, bytes, strong ETag and
// caching rule, with the security headers every dashboard response carries.
using System.Security.Cryptography;
using Lacquer.Purge.Api;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Admin.Dashboard;

internal sealed class DashboardAsset
{
    /// <summary>
    /// Scripts and styles only from this origin and never inline, no plug-ins, frames or form posts elsewhere,
    /// fetches only to the admin listener itself, and DOM sinks that parse HTML refused (Trusted Types).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; require-trusted-types-for 'script'";

    public DashboardAsset(string path, string contentType, byte[] body, string cacheControl)
    {
        Path = path;
        ContentType = contentType;
        Body = body;
        CacheControl = cacheControl;
        ETag = $"\"{Fingerprint(body)}\"";
    }

    public string Path { get; }

    public string ContentType { get; }

    public byte[] Body { get; }

    public string ETag { get; }

    public string CacheControl { get; }

    /// <summary>The first 16 hex digits of the SHA-256 of <paramref name="body"/>, lower-case.</summary>
    public static string Fingerprint(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body))[..16];

    /// <summary>200 with the file, or 304 when the request's If-None-Match names this version (RFC 9110 §13.1.2).</summary>
    public Task WriteAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ETag = ETag;
        headers.CacheControl = CacheControl;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        if (IfNoneMatchNames(context.Request.Headers.IfNoneMatch.ToString(), ETag))
        {
            // A 304 carries the headers a 200 would have had for caching (RFC 9110 §15.4.5), and no body.
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        return ApiResponses.WriteAsync(context, StatusCodes.Status200OK, ContentType, Body);
    }

    /// <summary>
    /// If-None-Match for GET and HEAD uses weak comparison (RFC 9110 §13.1.2): "*" or any listed tag whose
    /// opaque part equals ours, with or without the W/ prefix.
    /// </summary>
    internal static bool IfNoneMatchNames(string ifNoneMatch, string etag)
    {
        foreach (var member in ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var tag = member.StartsWith("W/", StringComparison.Ordinal) ? member[2..] : member;
            if (tag == "*" || string.Equals(tag, etag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
