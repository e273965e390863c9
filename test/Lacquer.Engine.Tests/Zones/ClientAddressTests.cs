// The address a request's client is counted by (ClientAddress): the peer, unless the peer is a trusted proxy
// that states one in X-Forwarded-For (last item) or Forwarded (for= of the last element). One row per rule.
using System.Net;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Zones;

public sealed class ClientAddressTests
{
    public static TheoryData<bool, string, string[], string> Rows => new()
    {
        // trusted, peer, header lines, counted address
        { false, "192.0.2.1", [], "192.0.2.1" },
        { false, "192.0.2.1", ["X-Forwarded-For: 203.0.113.7"], "192.0.2.1" },
        { false, "::ffff:192.0.2.1", [], "192.0.2.1" },
        { true, "10.0.0.1", [], "10.0.0.1" },
        { true, "10.0.0.1", ["X-Forwarded-For: 198.51.100.9, 203.0.113.7"], "203.0.113.7" },
        { true, "10.0.0.1", ["X-Forwarded-For: 198.51.100.9", "X-Forwarded-For: 203.0.113.8"], "203.0.113.8" },
        { true, "10.0.0.1", ["X-Forwarded-For: 203.0.113.7:5555"], "203.0.113.7" },
        { true, "10.0.0.1", ["X-Forwarded-For: 2001:db8::7"], "2001:db8::7" },
        { true, "10.0.0.1", ["X-Forwarded-For: [2001:db8::7]:443"], "2001:db8::7" },
        { true, "10.0.0.1", ["X-Forwarded-For: ::ffff:203.0.113.7"], "203.0.113.7" },
        { true, "10.0.0.1", ["X-Forwarded-For: unknown"], "10.0.0.1" },
        { true, "10.0.0.1", ["Forwarded: for=198.51.100.9, for=203.0.113.9;proto=https"], "203.0.113.9" },
        { true, "10.0.0.1", ["Forwarded: for=\"[2001:db8:cafe::17]:4711\""], "2001:db8:cafe::17" },
        { true, "10.0.0.1", ["Forwarded: for=_hidden"], "10.0.0.1" },
        { true, "10.0.0.1", ["Forwarded: for=198.51.100.1", "X-Forwarded-For: 203.0.113.7"], "203.0.113.7" },
        { true, "10.0.0.1", ["X-Forwarded-For: nonsense", "Forwarded: for=198.51.100.1"], "198.51.100.1" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_Client_Is_The_Peer_Or_What_A_Trusted_Proxy_States(bool trusted, string peer, string[] lines, string expected)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon];
            context.Request.Headers.Append(name, line[(colon + 1)..].Trim());
        }

        var address = ClientAddress.Of(context, new SiteAddress(SiteAddress.Http, "www.example.com", trusted));

        Assert.Equal(IPAddress.Parse(expected), address);
    }
}
