// The request headers an origin sees: the client's, minus hop-by-hop fields (RFC 9110 §7.6.1) and Expect
// (the proxy already answered it), with Via extended (RFC 9110 §7.6.3) and the forwarding fields built from
// what Lacquer knows. Host and X-Forwarded-Host are the key's host and X-Forwarded-Proto the key's scheme
// (SiteAddress): a client's port or spelling of Host, which the key leaves out, never reaches the origin, so
// an origin that builds links from them cannot store one client's variant for everyone.
// Forwarded (RFC 7239) and X-Forwarded-For are replaced when the peer is a client, and appended to when it is
// a trusted proxy: a client's claims about earlier hops are not passed on as if Lacquer had checked them.
// Every other X-Forwarded-* field is dropped.
using System.Net;
using System.Net.Sockets;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Lacquer.Forwarding;

internal static class ForwardedRequestHeaders
{
    public const string ViaValue = "1.1 lacquer";

    public static void Copy(HttpContext context, HttpRequestMessage request, SiteAddress site)
    {
        var incoming = context.Request.Headers;
        var connectionNamed = HopByHop.NamedIn(incoming.Connection);
        foreach (var (name, values) in incoming)
        {
            if (HopByHop.Excludes(name, connectionNamed)
                || name.Equals(HeaderNames.Host, StringComparison.OrdinalIgnoreCase)
                || name.Equals(HeaderNames.Expect, StringComparison.OrdinalIgnoreCase)
                || name.Equals(HeaderNames.Via, StringComparison.OrdinalIgnoreCase)
                || name.Equals(ForwardedScheme.Forwarded, StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // A field of one line is passed as that string: the list form boxes the values and makes the
            // library keep a list per field.
            if (values.Count == 1)
            {
                if (!request.Headers.TryAddWithoutValidation(name, values[0]))
                {
                    request.Content?.Headers.TryAddWithoutValidation(name, values[0]);
                }
            }
            else if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        // The zone's canonical host, valid by construction: added as it is rather than through the typed
        // property, which parses it into a URI first.
        request.Headers.TryAddWithoutValidation(HeaderNames.Host, site.Host);
        request.Headers.TryAddWithoutValidation(HeaderNames.Via, Append(incoming.Via, ViaValue));

        var client = context.Connection.RemoteIpAddress;
        var forwarded = ForwardedElement(client, site);
        var forwardedFor = client?.ToString() ?? "unknown";
        if (site.ViaTrustedProxy)
        {
            forwarded = Append(incoming[ForwardedScheme.Forwarded], forwarded);
            forwardedFor = Append(incoming["X-Forwarded-For"], forwardedFor);
        }

        request.Headers.TryAddWithoutValidation(ForwardedScheme.Forwarded, forwarded);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        request.Headers.TryAddWithoutValidation(ForwardedScheme.XForwardedProto, site.Scheme);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", site.Host);
    }

    /// <summary>This hop's Forwarded element (RFC 7239 §4): for=, host= and proto=, quoted where a value is not a token.</summary>
    private static string ForwardedElement(IPAddress? client, SiteAddress site)
    {
        var node = client is null ? "unknown"
            : client.AddressFamily == AddressFamily.InterNetworkV6 && !client.IsIPv4MappedToIPv6 ? $"\"[{client}]\""
            : (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).ToString();
        var host = site.Host.StartsWith('[') ? $"\"{site.Host}\"" : site.Host;
        return $"for={node};host={host};proto={site.Scheme}";
    }

    private static string Append(StringValues existing, string value) =>
        existing.Count == 0 ? value : string.Concat(string.Join(", ", (IEnumerable<string?>)existing), ", ", value);
}
