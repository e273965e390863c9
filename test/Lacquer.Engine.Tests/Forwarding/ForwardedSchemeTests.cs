// The scheme a trusted proxy states (X-Forwarded-Proto, else Forwarded proto=, RFC 7239 §5.4): only the last
// value counts, the one the nearest proxy set; anything but http or https states nothing.
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Forwarding;

public sealed class ForwardedSchemeTests
{
    [Theory]
    [InlineData(null, null, null)]
    [InlineData("https", null, "https")]
    [InlineData("HTTPS", null, "https")]
    [InlineData(" http ", null, "http")]
    [InlineData("https, http", null, "http")]
    [InlineData("http,https", null, "https")]
    [InlineData("wss", null, null)]
    [InlineData("", null, null)]
    [InlineData("https", "proto=http", "https")]
    [InlineData("ftp", "proto=https", "https")]
    [InlineData(null, "proto=https", "https")]
    [InlineData(null, "for=192.0.2.60;proto=HTTPS;by=203.0.113.43", "https")]
    [InlineData(null, "for=192.0.2.60; Proto = \"https\"", "https")]
    [InlineData(null, "proto=https, for=192.0.2.60", null)]
    [InlineData(null, "proto=https, for=192.0.2.60;proto=http", "http")]
    [InlineData(null, "for=\"[2001:db8::1],x\";proto=https", "https")]
    [InlineData(null, "for=192.0.2.60", null)]
    [InlineData(null, "proto=", null)]
    public void Trusted_Proxy_States_The_Scheme_In_Its_Last_Value(string? xForwardedProto, string? forwarded, string? expected)
    {
        var headers = new HeaderDictionary();
        if (xForwardedProto is not null)
        {
            headers["X-Forwarded-Proto"] = xForwardedProto;
        }

        if (forwarded is not null)
        {
            headers["Forwarded"] = forwarded;
        }

        Assert.Equal(expected, ForwardedScheme.StatedBy(headers));
    }

    [Fact]
    public void Of_Several_Field_Lines_The_Last_Counts()
    {
        var headers = new HeaderDictionary { ["X-Forwarded-Proto"] = new(["https", "http"]), ["Forwarded"] = new(["proto=http", "proto=https"]) };

        Assert.Equal("http", ForwardedScheme.StatedBy(headers));
        headers.Remove("X-Forwarded-Proto");
        Assert.Equal("https", ForwardedScheme.StatedBy(headers));
    }
}
