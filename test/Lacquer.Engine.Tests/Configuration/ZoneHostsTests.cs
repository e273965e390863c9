namespace Lacquer.Configuration;

public sealed class ZoneHostsTests
{
    [Fact]
    public void Hosts_Are_Lower_Cased()
    {
        var zone = TestConfig.ReadZone(("hosts", "[\"WWW.Example.COM\", \"127.0.0.1\", \"[::1]\", \"_acme.example.com\"]")).ExpectValid().Zones[0];

        Assert.Equal(["www.example.com", "127.0.0.1", "[::1]", "_acme.example.com"], zone.Hosts);
    }

    [Fact]
    public void Internationalised_Hosts_Are_Stored_In_Their_Lower_Case_Ascii_Form()
    {
        var zone = TestConfig.ReadZone(("hosts", "[\"bücher.example\", \"XN--CAF-DMA.example\"]")).ExpectValid().Zones[0];

        Assert.Equal(["xn--bcher-kva.example", "xn--caf-dma.example"], zone.Hosts);
    }

    [Fact]
    public void A_Unicode_Host_And_Its_Punycode_Form_Are_The_Same_Host()
    {
        TestConfig.ReadZone(("hosts", "[\"xn--bcher-kva.example\", \"BÜCHER.example\"]"))
            .ExpectOnlyError("zones:0:hosts:1", "host \"xn--bcher-kva.example\" is already used by zones:0:hosts:0");
    }

    [Theory]
    [InlineData(null, "zones:0:hosts", "is required: list at least one host name")]
    [InlineData("[]", "zones:0:hosts", "is required: list at least one host name")]
    [InlineData("\"www.example.com\"", "zones:0:hosts", "expected an array, found a single value")]
    [InlineData("{ \"main\": \"www.example.com\" }", "zones:0:hosts", "expected an array, found an object")]
    [InlineData("[\"\"]", "zones:0:hosts:0", "must not be empty")]
    [InlineData("[\"https://www.example.com\"]", "zones:0:hosts:0", "not a URL: remove the scheme")]
    [InlineData("[\"www.example.com/shop\"]", "zones:0:hosts:0", "without a path")]
    [InlineData("[\"www.example.com:8080\"]", "zones:0:hosts:0", "must not include a port")]
    [InlineData("[\"[::1]:8080\"]", "zones:0:hosts:0", "must not include a port")]
    [InlineData("[\"::1\"]", "zones:0:hosts:0", "in brackets")]
    [InlineData("[\"*.example.com\"]", "zones:0:hosts:0", "must not contain a wildcard")]
    [InlineData("[\"xn--zz.example\"]", "zones:0:hosts:0", "has an xn-- label that is not valid punycode (found \"xn--zz.example\")")]
    [InlineData("[\"bü cher.example\"]", "zones:0:hosts:0", "is not a valid")]
    [InlineData("[\"www.example.com.\"]", "zones:0:hosts:0", "must not end with a dot")]
    [InlineData("[\"www..example.com\"]", "zones:0:hosts:0", "is not a valid host name")]
    [InlineData("[\"-www.example.com\"]", "zones:0:hosts:0", "is not a valid host name")]
    [InlineData("[\"www example.com\"]", "zones:0:hosts:0", "is not a valid host name (found \"www example.com\")")]
    [InlineData("[\"a.example.com\", [\"b.example.com\"]]", "zones:0:hosts:1", "expected a single value, found an array")]
    public void A_Bad_Host_List_Is_Reported_At_Its_Path(string? json, string path, string message)
    {
        TestConfig.ReadZone(("hosts", json)).ExpectOnlyError(path, message);
    }

    [Fact]
    public void A_Host_Belongs_To_Only_One_Zone_And_The_Error_Names_Both_Paths()
    {
        var first = TestConfig.Zone(("hosts", "[\"a.example.com\", \"www.example.com\"]"));
        var second = TestConfig.Zone(("name", "\"other\""), ("id", "\"00000000000000000000000000000002\""), ("hosts", "[\"WWW.EXAMPLE.COM\"]"));

        TestConfig.Read(TestConfig.Document(zones: $"[{first}, {second}]"))
            .ExpectOnlyError("zones:1:hosts:0", "host \"www.example.com\" is already used by zones:0:hosts:1");
    }

    [Fact]
    public void A_Host_Listed_Twice_In_One_Zone_Is_Reported()
    {
        TestConfig.ReadZone(("hosts", "[\"www.example.com\", \"www.example.com\"]"))
            .ExpectOnlyError("zones:0:hosts:1", "is already used by zones:0:hosts:0");
    }
}
