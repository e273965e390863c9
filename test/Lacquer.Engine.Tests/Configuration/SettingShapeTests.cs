namespace Lacquer.Configuration;

/// <summary>Keys and shapes: what the reader accepts around the settings themselves.</summary>
public sealed class SettingShapeTests
{
    [Fact]
    public void An_Unknown_Top_Level_Key_Is_An_Unknown_Setting()
    {
        TestConfig.ReadWith("""  "logging": { "level": "debug" }  """)
            .ExpectOnlyError("logging", "unknown setting; expected one of: listen, cache, zones, tokens");
    }

    [Fact]
    public void The_Host_Switches_Config_And_Demo_Are_Allowed_At_The_Top()
    {
        TestConfig.Read(TestConfig.Document(), ("config", "/etc/lacquer.json"), ("demo", "true")).ExpectValid();
    }

    [Fact]
    public void The_Compat_Section_Is_Checked_Like_Any_Other()
    {
        TestConfig.ReadWith("""  "compat": { "crafter": { "managementToken": "x" }, "anything": [1, 2, { "deep": true }] }  """)
            .ExpectOnlyError("compat:anything", "unknown setting; expected one of: crafter, serviceCache, referenceServer, flextype");
    }

    [Fact]
    public void Keys_Match_Ignoring_Case_And_Errors_Use_The_Documented_Spelling()
    {
        var json = """{ "Zones": [ { "Name": "example", "ID": "023e105f4ecef8ad9ca31a8372d0c353", "HOSTS": ["a.example.com"], "Origin": "ftp://x" } ] }""";

        TestConfig.Read(json).ExpectOnlyError("zones:0:origin", "must use http or https");
    }

    [Theory]
    [InlineData("\"listen\": [\"http://127.0.0.1:8080\"]", "listen", "expected an object, found an array")]
    [InlineData("\"listen\": \"http://127.0.0.1:8080\"", "listen", "expected an object, found a single value")]
    [InlineData("\"listen\": []", "listen", "expected an object, found an empty value")]
    [InlineData("\"cache\": [ { \"maxBytes\": \"1GB\" } ]", "cache", "expected an object, found an array")]
    [InlineData("\"cache\": \"1GB\"", "cache", "expected an object, found a single value")]
    public void A_Section_Of_The_Wrong_Shape_Is_One_Clear_Error(string member, string path, string message)
    {
        TestConfig.ReadWith(member).ExpectOnlyError(path, message);
    }

    [Fact]
    public void An_Empty_Section_Object_Means_All_Defaults()
    {
        TestConfig.ReadWith("""  "listen": {}, "cache": {}  """).ExpectValid();
    }

    [Fact]
    public void A_Value_Set_On_A_Section_Path_By_Another_Source_Is_Reported()
    {
        TestConfig.Read(TestConfig.Document(extra: """ "cache": { "maxBytes": "1GB" } """), ("cache", "big"))
            .ExpectOnlyError("cache", "expected an object, found both a single value and nested settings");
    }

    [Fact]
    public void Every_Problem_Is_Reported_At_Once()
    {
        var json = $$"""
            {
              "listen": { "proxy": "https://127.0.0.1:8080", "admin": "127.0.0.1" },
              "cache": { "maxBytes": "huge", "originTimeout": "0s", "shards": 4 },
              "zones": [
                { "name": "a b", "id": "123", "hosts": ["x.example.com:80"], "origin": "ftp://o", "defaultTtl": "later" },
                { "name": "b", "id": "00000000000000000000000000000002", "hosts": "b.example.com" }
              ],
              "tokens": [ { "name": "t", "zones": ["nope"], "permissions": ["write"] } ],
              "extra": true
            }
            """;

        var result = TestConfig.Read(json);

        result.ExpectError("listen:proxy", "an https listener needs a certificate");
        result.ExpectError("listen:admin", "must be an absolute http URL");
        result.ExpectError("cache:maxBytes", "must be a size such as");
        result.ExpectError("cache:originTimeout", "must be between 1ms and 1d");
        result.ExpectError("cache:shards", "unknown setting");
        result.ExpectError("zones:0:name", "must contain only letters");
        result.ExpectError("zones:0:id", "must be exactly 32 hexadecimal characters");
        result.ExpectError("zones:0:hosts:0", "must not include a port");
        result.ExpectError("zones:0:origin", "must use http or https");
        result.ExpectError("zones:0:defaultTtl", "must be a duration such as");
        result.ExpectError("zones:1:hosts", "expected an array, found a single value");
        result.ExpectError("zones:1:origin", "is required");
        result.ExpectError("tokens:0", "needs a secret");
        result.ExpectError("tokens:0:zones:0", "names no configured zone");
        result.ExpectError("tokens:0:permissions:0", "must be purge or read");
        result.ExpectError("extra", "unknown setting");
        Assert.Equal(16, result.Errors.Count);
    }

    [Fact]
    public void An_Error_Prints_As_Path_Colon_Message()
    {
        Assert.Equal("zones:1:origin: is required", new ConfigError("zones:1:origin", "is required").ToString());
    }

    [Fact]
    public void A_Valid_Result_Has_No_Errors()
    {
        var result = TestConfig.Read(TestConfig.Document());

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
    }
}
