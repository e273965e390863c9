namespace Lacquer.Configuration;

public sealed class ZoneSettingsTests
{
    [Fact]
    public void At_Least_One_Zone_Is_Required()
    {
        TestConfig.Read("{}").ExpectOnlyError("zones", "at least one zone is required");
    }

    [Fact]
    public void An_Empty_Zones_Array_Is_Not_Enough()
    {
        TestConfig.Read("""{ "zones": [] }""").ExpectOnlyError("zones", "at least one zone is required");
    }

    [Theory]
    [InlineData("name", "example-2.site_b")]
    [InlineData("name", "Example")]
    [InlineData("id", "0123456789abcdef0123456789abcdef")]
    public void Accepts_A_Valid_Name_And_Id(string key, string value)
    {
        TestConfig.ReadZone((key, $"\"{value}\"")).ExpectValid();
    }

    [Theory]
    [InlineData("name", null, "zones:0:name", "is required")]
    [InlineData("name", "\"\"", "zones:0:name", "must not be empty")]
    [InlineData("name", "\"my zone\"", "zones:0:name", "must contain only letters, digits, '-', '_' and '.'")]
    [InlineData("name", "\"zone/1\"", "zones:0:name", "must contain only letters, digits")]
    [InlineData("name", "{ \"first\": \"x\" }", "zones:0:name", "expected a single value, found an object")]
    [InlineData("id", null, "zones:0:id", "is required")]
    [InlineData("id", "\"023e105f4ecef8ad9ca31a8372d0c35\"", "zones:0:id", "must be exactly 32 hexadecimal characters")]
    [InlineData("id", "\"023e105f4ecef8ad9ca31a8372d0c353a\"", "zones:0:id", "must be exactly 32 hexadecimal characters")]
    [InlineData("id", "\"023e105f4ecef8ad9ca31a8372d0c35g\"", "zones:0:id", "must be exactly 32 hexadecimal characters")]
    [InlineData("origin", null, "zones:0:origin", "is required")]
    [InlineData("origin", "\"127.0.0.1:9000\"", "zones:0:origin", "must be an absolute http or https URL")]
    [InlineData("origin", "\"/srv/www\"", "zones:0:origin", "must be an absolute http or https URL")]
    [InlineData("origin", "\"ftp://files.example.com\"", "zones:0:origin", "must use http or https, not ftp")]
    [InlineData("origin", "\"http://127.0.0.1:9000/?v=1\"", "zones:0:origin", "must not have a query")]
    [InlineData("origin", "\"http://127.0.0.1:9000/#top\"", "zones:0:origin", "must not have a fragment")]
    [InlineData("origin", "\"http://user:pw@127.0.0.1:9000\"", "zones:0:origin", "must not contain user information")]
    [InlineData("defaultTtl", "\"soon\"", "zones:0:defaultTtl", "must be a duration such as")]
    [InlineData("defaultTtl", "\"366d\"", "zones:0:defaultTtl", "must be between 0s and 365d")]
    [InlineData("maxHeuristicTtl", "\"-1s\"", "zones:0:maxHeuristicTtl", "must be a duration such as")]
    [InlineData("originTimeout", "\"0\"", "zones:0:originTimeout", "must be between 1ms and 1d")]
    [InlineData("cacheSetCookie", "\"yes\"", "zones:0:cacheSetCookie", "must be true or false")]
    [InlineData("cacheSetCookie", "[true]", "zones:0:cacheSetCookie", "expected a single value, found an array")]
    [InlineData("maxRanges", "0", "zones:0:maxRanges", "must be a whole number from 1 to 1000")]
    [InlineData("maxVariants", "\"1.5\"", "zones:0:maxVariants", "must be a whole number from 1 to 10000")]
    [InlineData("ttl", "\"1h\"", "zones:0:ttl", "unknown setting; expected one of: name, id, hosts, origin")]
    public void A_Bad_Zone_Setting_Is_Reported_At_Its_Path(string key, string? json, string path, string message)
    {
        TestConfig.ReadZone((key, json)).ExpectOnlyError(path, message);
    }

    [Fact]
    public void Origin_Credentials_Are_Not_Repeated_In_The_Error()
    {
        var error = TestConfig.ReadZone(("origin", "\"http://user:hunter2@127.0.0.1:9000\"")).ExpectOnlyError("zones:0:origin", "user information");

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zone_Id_Is_Lower_Cased()
    {
        var zone = TestConfig.ReadZone(("id", "\"023E105F4ECEF8AD9CA31A8372D0C353\"")).ExpectValid().Zones[0];

        Assert.Equal("023e105f4ecef8ad9ca31a8372d0c353", zone.Id);
    }

    [Theory]
    [InlineData("https://origin.example.com")]
    [InlineData("http://127.0.0.1:9000/app/")]
    public void Origin_May_Be_Https_And_Have_A_Path(string origin)
    {
        var zone = TestConfig.ReadZone(("origin", $"\"{origin}\"")).ExpectValid().Zones[0];

        Assert.Equal(new Uri(origin), zone.Origin);
    }

    [Fact]
    public void Zone_Timings_Default_To_The_Cache_Section()
    {
        var json = TestConfig.Document(extra: """ "cache": { "maxHeuristicTtl": "6h", "originTimeout": "10s" } """);

        var zone = TestConfig.Read(json).ExpectValid().Zones[0];

        Assert.Equal(TimeSpan.FromHours(6), zone.MaxHeuristicTtl);
        Assert.Equal(TimeSpan.FromSeconds(10), zone.OriginTimeout);
        Assert.Equal(TimeSpan.Zero, zone.DefaultTtl);
    }

    [Fact]
    public void Zone_Range_And_Variant_Limits_Default_To_The_Cache_Section_And_May_Override_It()
    {
        var inherited = TestConfig.Read(TestConfig.Document(extra: """ "cache": { "maxRanges": 4, "maxVariants": "32" } """))
            .ExpectValid().Zones[0];
        var own = TestConfig.ReadZone(("maxRanges", "1"), ("maxVariants", "1000")).ExpectValid().Zones[0];
        var plain = TestConfig.Read(TestConfig.Document()).ExpectValid().Zones[0];

        Assert.Equal((4, 32), (inherited.MaxRanges, inherited.MaxVariants));
        Assert.Equal((1, 1000), (own.MaxRanges, own.MaxVariants));
        Assert.Equal((16, 200), (plain.MaxRanges, plain.MaxVariants));
    }

    [Fact]
    public void Zone_Timings_And_Cookie_Policy_Override_The_Defaults()
    {
        var zone = TestConfig.ReadZone(
                ("defaultTtl", "\"5m\""), ("maxHeuristicTtl", "\"00:10:00\""), ("cacheSetCookie", "\"TRUE\""), ("originTimeout", "5"))
            .ExpectValid().Zones[0];

        Assert.Equal(TimeSpan.FromMinutes(5), zone.DefaultTtl);
        Assert.Equal(TimeSpan.FromMinutes(10), zone.MaxHeuristicTtl);
        Assert.True(zone.CacheSetCookie);
        Assert.Equal(TimeSpan.FromSeconds(5), zone.OriginTimeout);
    }

    [Fact]
    public void A_Json_Boolean_Sets_CacheSetCookie()
    {
        Assert.True(TestConfig.ReadZone(("cacheSetCookie", "true")).ExpectValid().Zones[0].CacheSetCookie);
    }

    [Fact]
    public void Zone_Names_Are_Unique_Ignoring_Case()
    {
        var second = TestConfig.Zone(("name", "\"EXAMPLE\""), ("id", "\"00000000000000000000000000000002\""), ("hosts", "[\"b.example.com\"]"));

        TestConfig.Read(TestConfig.Document(zones: $"[{TestConfig.Zone()}, {second}]"))
            .ExpectOnlyError("zones:1:name", "zone name \"EXAMPLE\" is already used by zones:0:name");
    }

    [Fact]
    public void Zone_Ids_Are_Unique_Ignoring_Case()
    {
        var second = TestConfig.Zone(("name", "\"other\""), ("id", $"\"{TestConfig.ZoneId.ToUpperInvariant()}\""), ("hosts", "[\"b.example.com\"]"));

        TestConfig.Read(TestConfig.Document(zones: $"[{TestConfig.Zone()}, {second}]"))
            .ExpectOnlyError("zones:1:id", $"zone id \"{TestConfig.ZoneId}\" is already used by zones:0:id");
    }

    [Theory]
    [InlineData("\"example\"")]
    [InlineData("[]")]
    [InlineData("null")]
    public void A_Zone_Must_Be_An_Object(string json)
    {
        TestConfig.Read(TestConfig.Document(zones: $"[{TestConfig.Zone()}, {json}]"))
            .ExpectOnlyError("zones:1", "expected an object describing a zone");
    }

    [Fact]
    public void Zones_Must_Be_An_Array()
    {
        TestConfig.Read($$"""{ "zones": {{TestConfig.Zone()}} }""").ExpectOnlyError("zones", "expected an array, found an object");
    }

    [Fact]
    public void Zones_Given_As_A_Single_Value_Is_Reported()
    {
        TestConfig.Read("""{ "zones": "example" }""").ExpectOnlyError("zones", "expected an array, found a single value");
    }
}
