// The address Lacquer counts a request's client by, for limits per client (the cap on open upgrades). From a
// peer that is not a trusted proxy it is the peer itself: whatever such a client writes in X-Forwarded-For or
// Forwarded is its own claim. From a trusted proxy (trustedProxies) it is the client that proxy states, read
// with the rules of ForwardedScheme: the last item of X-Forwarded-For, else the for= of the last Forwarded
// element (RFC 7239 §5.2), the values the nearest proxy, the trusted peer, wrote. A port is ignored, an
// IPv4-mapped IPv6 address is its IPv4 address, and a value that is no address ("unknown", an obfuscated
// name, RFC 7239 §6.3) states nothing: the peer counts then, so those clients share the proxy's count.
using System.Net;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Zones;

internal static class ClientAddress
{
    public const string XForwardedFor = "X-Forwarded-For";

    /// <param name="site">The request's site address; its ViaTrustedProxy says whether the peer is trusted.</param>
    public static IPAddress Of(HttpContext context, SiteAddress site)
    {
        var peer = context.Connection.RemoteIpAddress;
        if (site.ViaTrustedProxy)
        {
            var headers = context.Request.Headers;
            var stated = Parse(ForwardedScheme.LastItem(ForwardedScheme.LastLine(headers[XForwardedFor]), ','))
                ?? Parse(ForwardedScheme.Parameter(ForwardedScheme.LastElement(ForwardedScheme.LastLine(headers[ForwardedScheme.Forwarded])), "for"));
            if (stated is not null)
            {
                return stated;
            }
        }

        return Normal(peer ?? IPAddress.None);
    }

    /// <summary>An address with an optional port: <c>192.0.2.1</c>, <c>192.0.2.1:80</c>, <c>2001:db8::1</c>, <c>[2001:db8::1]:80</c>; null for anything else.</summary>
    internal static IPAddress? Parse(ReadOnlySpan<char> value)
    {
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        return IPEndPoint.TryParse(value, out var endPoint) ? Normal(endPoint.Address) : null;
    }

    private static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
