// The request headers an origin sees: the client's, minus hop-by-hop fields (RFC 9110 §7.6.1) and Expect
// (the proxy already answered it), with the client's Host kept, Via extended (RFC 9110 §7.6.3) and the
// X-Forwarded-For / -Proto / -Host fields that origins behind proxies conventionally read.
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Lacquer.Forwarding;

internal static class ForwardedRequestHeaders
{
    public const string ViaValue = "1.1 lacquer";

    public static void Copy(HttpContext context, HttpRequestMessage request)
    {
        var incoming = context.Request.Headers;
        var connectionNamed = HopByHop.NamedIn(incoming.Connection);
        foreach (var (name, values) in incoming)
        {
            if (HopByHop.Excludes(name, connectionNamed)
                || name.Equals(HeaderNames.Host, StringComparison.OrdinalIgnoreCase)
                || name.Equals(HeaderNames.Expect, StringComparison.OrdinalIgnoreCase)
                || name.Equals(HeaderNames.Via, StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        request.Headers.Host = context.Request.Host.Value;
        request.Headers.TryAddWithoutValidation(HeaderNames.Via, Append(incoming.Via, ViaValue));

        var clientAddress = context.Connection.RemoteIpAddress?.ToString();
        var forwardedFor = incoming["X-Forwarded-For"];
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", clientAddress is null ? forwardedFor.ToString() : Append(forwardedFor, clientAddress));
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", context.Request.Scheme);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", context.Request.Host.Value);
    }

    private static string Append(Microsoft.Extensions.Primitives.StringValues existing, string value) =>
        existing.Count == 0 ? value : string.Concat(string.Join(", ", (IEnumerable<string?>)existing), ", ", value);
}
