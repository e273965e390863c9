// ZoneTable.Resolve: the zone of a request and the URL its client sees. The host is the zone's own spelling;
// the scheme is the zone's fixed one, else a trusted proxy's statement, else the connection's. Resolving is on
// every request, hits included, so it allocates nothing.
using System.Net;
using Lacquer.Forwarding;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Zones;

public sealed class ZoneTableTests
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.5");
    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.7");

    [Theory]
    [InlineData(null, "10.0.0.5", "http", null, "http")]
    [InlineData(null, "10.0.0.5", "http", "https", "https")]
    [InlineData(null, "203.0.113.7", "http", "https", "http")]
    [InlineData(null, "203.0.113.7", "https", null, "https")]
    [InlineData(null, "10.0.0.5", "https", "http", "http")]
    [InlineData("https", "203.0.113.7", "http", null, "https")]
    [InlineData("https", "10.0.0.5", "http", "http", "https")]
    [InlineData("http", "203.0.113.7", "https", null, "http")]
    public void Scheme_Is_The_Zones_Else_A_Trusted_Proxys_Else_The_Connections(string? zoneScheme, string peer, string connection, string? stated, string expected)
    {
        var table = Table(zoneScheme);
        var context = Request("WWW.Example.COM:8443", IPAddress.Parse(peer), connection, stated);

        Assert.Equal(HostMatch.Zone, table.Resolve(context, out _, out var site));

        Assert.Equal((expected, "www.example.com", peer == "10.0.0.5"), (site.Scheme, site.Host, site.ViaTrustedProxy));
    }

    [Theory]
    [InlineData("other.example", "NoZone")]
    [InlineData("", "NoZone")]
    [InlineData("www.example.com:99999", "Malformed")]
    public void A_Host_No_Zone_Serves_Or_A_Malformed_One_Is_Told_Apart(string field, string expected)
    {
        Assert.Equal(Enum.Parse<HostMatch>(expected), Table(null).Resolve(Request(field, Client, "http", null), out _, out _));
    }

    [Fact]
    public void Resolving_Allocates_Nothing()
    {
        var table = Table(null);
        var viaProxy = Request("www.example.com:8443", Proxy, "http", "https");
        var direct = Request("WWW.EXAMPLE.COM", Client, "http", "https");
        table.Resolve(viaProxy, out _, out _);
        table.Resolve(direct, out _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        table.Resolve(viaProxy, out _, out var proxied);
        table.Resolve(direct, out _, out var plain);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(("https", "http"), (proxied.Scheme, plain.Scheme));
    }

    private static ZoneTable Table(string? scheme) => new(
        [new Zone(TestZones.Settings("example", ["www.example.com"]) with { Scheme = scheme })],
        new TrustedProxies([IPNetwork.Parse("10.0.0.0/8")]));

    private static DefaultHttpContext Request(string host, IPAddress peer, string scheme, string? statedScheme)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Headers.Host = host;
        context.Connection.RemoteIpAddress = peer;
        if (statedScheme is not null)
        {
            context.Request.Headers["X-Forwarded-Proto"] = statedScheme;
        }

        return context;
    }
}
