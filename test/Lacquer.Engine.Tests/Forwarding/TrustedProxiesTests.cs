// Which peers are trusted proxies: addresses inside a configured range, IPv4 ranges also in their IPv4-mapped
// IPv6 form (what a dual-stack listener reports); nobody when none is configured.
using System.Net;
using Lacquer.Zones;

namespace Lacquer.Forwarding;

public sealed class TrustedProxiesTests
{
    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("11.0.0.1", false)]
    [InlineData("::ffff:11.0.0.1", false)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.2", false)]
    [InlineData("fd00::1", true)]
    [InlineData("fe80::1", false)]
    [InlineData("::1", false)]
    public void A_Peer_Is_Trusted_Only_Inside_A_Configured_Range(string peer, bool trusted)
    {
        var proxies = new TrustedProxies([IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("127.0.0.1/32"), IPNetwork.Parse("fd00::/8")]);

        Assert.Equal(trusted, proxies.Contains(IPAddress.Parse(peer)));
    }

    [Fact]
    public void Without_Configuration_Nobody_Is_Trusted()
    {
        Assert.True(TrustedProxies.None.IsEmpty);
        Assert.False(TrustedProxies.None.Contains(IPAddress.Loopback));
        Assert.False(TrustedProxies.None.Contains(null));
    }
}
