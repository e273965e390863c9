// A Host field is uri-host [ ":" port ] with port = *DIGIT (RFC 9110 §7.2, RFC 3986 §3.2.3); Lacquer also
// requires a port to be at most 65535. The host is returned without the port.
namespace Lacquer.Zones;

public sealed class HostFieldTests
{
    [Theory]
    [InlineData("www.example.com", "www.example.com")]
    [InlineData("www.example.com:8080", "www.example.com")]
    [InlineData("www.example.com:", "www.example.com")]
    [InlineData("www.example.com:0", "www.example.com")]
    [InlineData("www.example.com:65535", "www.example.com")]
    [InlineData("www.example.com:00080", "www.example.com")]
    [InlineData("[::1]", "[::1]")]
    [InlineData("[::1]:443", "[::1]")]
    [InlineData("", "")]
    public void Well_Formed_Host_Gives_The_Host_Without_Port(string field, string host)
    {
        Assert.True(HostField.TryReadHost(field, out var read));
        Assert.Equal(host, read.ToString());
    }

    [Theory]
    [InlineData("x:99999999")]
    [InlineData("www.example.com:65536")]
    [InlineData("www.example.com:000080")]
    [InlineData("www.example.com:80a")]
    [InlineData("www.example.com:-1")]
    [InlineData("www.example.com:8:8")]
    [InlineData("::1")]
    [InlineData("[::1")]
    [InlineData("[::1]x")]
    [InlineData("[::1]:99999")]
    public void Malformed_Host_Is_Refused(string field)
    {
        Assert.False(HostField.TryReadHost(field, out _));
    }
}
