// Responses Lacquer writes itself: 400 for a malformed Host or a client request body that is not validly
// framed, 421 for an unknown host, 502 and 504 for origin failures, 503 when no origin is healthy. Each is a short plain-text body that names
// the problem and nothing internal.
using Lacquer.Forwarding;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Proxy;

internal sealed partial class CachingProxy
{
    private async Task WriteOriginErrorAsync(HttpContext context, Zone zone, OriginError error, ForwardReason reason, string url)
    {
        if (error == OriginError.ClientAborted)
        {
            return;
        }

        ProxyLog.OriginFailed(_logger, error, zone.Name, url);
        var (status, detail, text) = error switch
        {
            OriginError.Timeout => (StatusCodes.Status504GatewayTimeout, "origin-timeout", "Lacquer: the origin did not answer in time.\n"),
            OriginError.InvalidResponse => (StatusCodes.Status502BadGateway, "origin-invalid-response", "Lacquer: the origin sent an invalid response.\n"),
            OriginError.NoHealthyOrigin => (StatusCodes.Status503ServiceUnavailable, "no-healthy-origin", "Lacquer: no origin of this site is healthy.\n"),
            OriginError.ClientBodyInvalid => (StatusCodes.Status400BadRequest, "client-invalid-body", "Lacquer: the request body is not validly framed.\n"),
            _ => (StatusCodes.Status502BadGateway, "origin-unreachable", "Lacquer: the origin could not be reached.\n"),
        };
        context.Response.Headers[CacheStatus.HeaderName] = CacheStatus.Failed(reason, detail);
        await WritePlainText(context, status, text);
    }

    private async Task WriteHostErrorAsync(HttpContext context, HostMatch match)
    {
        var hostField = context.Request.Headers.Host.ToString();
        if (match == HostMatch.Malformed)
        {
            await WritePlainText(context, StatusCodes.Status400BadRequest, $"Lacquer: the Host field '{SafeForText(hostField)}' is not a host with an optional port of 0-65535.\n");
            return;
        }

        ProxyLog.UnknownHost(_logger, hostField);
        await WritePlainText(context, StatusCodes.Status421MisdirectedRequest, $"Lacquer has no zone for host '{SafeForText(hostField)}'.\n");
    }

    internal static async Task WritePlainText(HttpContext context, int status, string text)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    /// <summary>A client-supplied value made safe to repeat in a text body: printable ASCII only, at most 200 characters.</summary>
    private static string SafeForText(string value)
    {
        var chars = value.Length > 200 ? value.AsSpan(0, 200) : value.AsSpan();
        var builder = new System.Text.StringBuilder(chars.Length);
        foreach (var c in chars)
        {
            builder.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return builder.ToString();
    }
}
