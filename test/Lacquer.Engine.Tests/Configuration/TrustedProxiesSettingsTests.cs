// The top-level trustedProxies (addresses and CIDR ranges whose forwarding fields are believed) and the zone
// setting scheme (every key of the zone http or https). Both are strict: a mistake would widen trust or key
// a site under a scheme its purges do not name.
namespace Lacquer.Configuration;

public sealed class TrustedProxiesSettingsTests
{
    [Fact]
    public void Trusted_Proxies_Default_To_None()
    {
        Assert.Empty(TestConfig.Read(TestConfig.Document()).ExpectValid().TrustedProxies);
    }

    [Fact]
    public void Addresses_And_Ranges_Are_Read_As_Networks()
    {
        var settings = TestConfig.Read(TestConfig.Document(extra: """ "trustedProxies": ["10.0.0.0/8", "127.0.0.1", "fd00::/8", "::1", "192.168.1.0/24"] """)).ExpectValid();

        Assert.Equal(["10.0.0.0/8", "127.0.0.1/32", "fd00::/8", "::1/128", "192.168.1.0/24"], settings.TrustedProxies.Select(network => network.ToString()));
    }

    [Theory]
    [InlineData("\"10.0.0.0/8\"", "trustedProxies", "expected an array, found a single value")]
    [InlineData("[\"10.0.0.1/8\"]", "trustedProxies:0", "has bits set after the /8 prefix: write 10.0.0.0/8 for the range, or the address alone")]
    [InlineData("[\"10.0.0.0/33\"]", "trustedProxies:0", "has an invalid prefix length: use 0 to 32")]
    [InlineData("[\"fd00::/129\"]", "trustedProxies:0", "has an invalid prefix length: use 0 to 128")]
    [InlineData("[\"10.0.0.0/\"]", "trustedProxies:0", "has an invalid prefix length")]
    [InlineData("[\"10.1\"]", "trustedProxies:0", "must be an IP address or a CIDR range")]
    [InlineData("[\"proxy.internal\"]", "trustedProxies:0", "must be an IP address or a CIDR range such as 10.0.0.0/8 or fd00::/8 (found \"proxy.internal\")")]
    [InlineData("[\"fe80::1%eth0\"]", "trustedProxies:0", "must be an IP address or a CIDR range")]
    [InlineData("[\"*\"]", "trustedProxies:0", "must be an IP address or a CIDR range")]
    [InlineData("[\"10.0.0.0/8\", \"10.0.0.0/8\"]", "trustedProxies:1", "is listed twice (also at trustedProxies:0)")]
    public void A_Bad_Trusted_Proxy_Is_Reported_At_Its_Path(string json, string path, string message)
    {
        TestConfig.Read(TestConfig.Document(extra: $"\"trustedProxies\": {json}")).ExpectOnlyError(path, message);
    }

    [Theory]
    [InlineData("\"https\"", "https")]
    [InlineData("\"HTTP\"", "http")]
    [InlineData(null, null)]
    public void Zone_Scheme_Is_Http_Or_Https_Or_Not_Set(string? json, string? scheme)
    {
        Assert.Equal(scheme, TestConfig.ReadZone(("scheme", json)).ExpectValid().Zones[0].Scheme);
    }

    [Theory]
    [InlineData("\"wss\"", "must be http or https (found \"wss\")")]
    [InlineData("\"\"", "must not be empty")]
    [InlineData("[\"https\"]", "expected a single value, found an array")]
    public void A_Bad_Zone_Scheme_Is_Reported_At_Its_Path(string json, string message)
    {
        TestConfig.ReadZone(("scheme", json)).ExpectOnlyError("zones:0:scheme", message);
    }
}
