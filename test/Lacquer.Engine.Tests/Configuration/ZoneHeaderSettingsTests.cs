namespace Lacquer.Configuration;

public sealed class ZoneHeaderSettingsTests
{
    [Fact]
    public void Cache_Key_Headers_Default_To_None()
    {
        Assert.Empty(TestConfig.ReadZone().ExpectValid().Zones[0].CacheKeyHeaders);
    }

    [Theory]
    [InlineData("[\"Accept Language\"]", "zones:0:cacheKeyHeaders:0", "must be a header field name made of RFC 9110 token characters")]
    [InlineData("[\"X-Device:\"]", "zones:0:cacheKeyHeaders:0", "RFC 9110 token characters")]
    [InlineData("[\"CF-IPCountry\", \"cf-ipcountry\"]", "zones:0:cacheKeyHeaders:1", "is listed twice (also at zones:0:cacheKeyHeaders:0)")]
    [InlineData("\"CF-IPCountry\"", "zones:0:cacheKeyHeaders", "expected an array, found a single value")]
    public void A_Bad_Cache_Key_Header_Is_Reported_At_Its_Path(string json, string path, string message)
    {
        TestConfig.ReadZone(("cacheKeyHeaders", json)).ExpectOnlyError(path, message);
    }

    [Fact]
    public void Tag_Headers_Default_To_Cache_Tag_Surrogate_Key_And_Xkey()
    {
        var tagHeaders = TestConfig.ReadZone().ExpectValid().Zones[0].TagHeaders;

        Assert.Equal([new("Cache-Tag", ','), new("Surrogate-Key", ' '), new("xkey", ' ')], tagHeaders);
    }

    [Fact]
    public void Tag_Headers_Take_A_Separator_As_A_Character_Or_A_Word()
    {
        var json = """[ { "name": "X-Tags", "separator": "," }, { "name": "X-Keys", "separator": " " }, { "name": "X-A", "separator": "Comma" }, { "name": "X-B", "separator": "SPACE" } ]""";

        var tagHeaders = TestConfig.ReadZone(("tagHeaders", json)).ExpectValid().Zones[0].TagHeaders;

        Assert.Equal([new("X-Tags", ','), new("X-Keys", ' '), new("X-A", ','), new("X-B", ' ')], tagHeaders);
    }

    [Fact]
    public void An_Empty_Tag_Header_List_Turns_Tags_Off()
    {
        Assert.Empty(TestConfig.ReadZone(("tagHeaders", "[]")).ExpectValid().Zones[0].TagHeaders);
    }

    [Theory]
    [InlineData("[ { \"name\": \"X-Tags\", \"separator\": \";\" } ]", "zones:0:tagHeaders:0:separator", "must be \",\" or \" \"")]
    [InlineData("[ { \"name\": \"X-Tags\" } ]", "zones:0:tagHeaders:0:separator", "is required")]
    [InlineData("[ { \"separator\": \",\" } ]", "zones:0:tagHeaders:0:name", "is required")]
    [InlineData("[ { \"name\": \"X Tags\", \"separator\": \",\" } ]", "zones:0:tagHeaders:0:name", "RFC 9110 token characters")]
    [InlineData("[ { \"name\": \"X-Tags\", \"separator\": \",\", \"lowercase\": true } ]", "zones:0:tagHeaders:0:lowercase", "unknown setting; expected one of: name, separator")]
    [InlineData("[ { \"name\": \"xkey\", \"separator\": \" \" }, { \"name\": \"XKey\", \"separator\": \",\" } ]", "zones:0:tagHeaders:1:name", "tag header \"XKey\" is listed twice (also at zones:0:tagHeaders:0:name)")]
    [InlineData("[ \"Cache-Tag\" ]", "zones:0:tagHeaders:0", "expected an object such as")]
    [InlineData("[ [\"Cache-Tag\", \",\"] ]", "zones:0:tagHeaders:0", "found an array")]
    [InlineData("{ \"name\": \"Cache-Tag\", \"separator\": \",\" }", "zones:0:tagHeaders", "expected an array, found an object")]
    public void A_Bad_Tag_Header_Is_Reported_At_Its_Path(string json, string path, string message)
    {
        TestConfig.ReadZone(("tagHeaders", json)).ExpectOnlyError(path, message);
    }
}
