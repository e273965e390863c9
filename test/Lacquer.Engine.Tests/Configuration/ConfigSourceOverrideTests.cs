using Microsoft.Extensions.Configuration;

namespace Lacquer.Configuration;

/// <summary>Later sources (environment variables, command line) override the JSON file, key by key.</summary>
public sealed class ConfigSourceOverrideTests
{
    [Fact]
    public void An_Env_Style_Override_Of_A_Zone_Origin_Wins_Over_The_File()
    {
        var zone = TestConfig.Read(TestConfig.Document(), ("zones:0:origin", "https://origin.internal")).ExpectValid().Zones[0];

        Assert.Equal(new Uri("https://origin.internal"), zone.Origin);
        Assert.Equal("example", zone.Name);
    }

    [Fact]
    public void An_Override_Can_Replace_One_Item_Of_An_Array()
    {
        var json = TestConfig.Document(zones: $"[{TestConfig.Zone(("hosts", "[\"a.example.com\", \"b.example.com\"]"))}]");

        var zone = TestConfig.Read(json, ("zones:0:hosts:1", "c.example.com")).ExpectValid().Zones[0];

        Assert.Equal(["a.example.com", "c.example.com"], zone.Hosts);
    }

    [Fact]
    public void An_Invalid_Override_Is_Reported_At_The_Overridden_Path()
    {
        TestConfig.Read(TestConfig.Document(), ("zones:0:origin", "not a url")).ExpectOnlyError("zones:0:origin", "must be an absolute http or https URL");
    }

    [Fact]
    public void Lacquer_Environment_Variables_Override_The_File()
    {
        var prefix = $"LACQUER_TEST_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "zones__0__origin", "http://10.0.0.5:8000");
        Environment.SetEnvironmentVariable(prefix + "cache__maxBytes", "2GiB");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddConfiguration(TestConfig.Build(TestConfig.Document()))
                .AddEnvironmentVariables(prefix)
                .Build();

            var settings = SettingsReader.Read(configuration).ExpectValid();

            Assert.Equal(new Uri("http://10.0.0.5:8000"), settings.Zones[0].Origin);
            Assert.Equal(2_147_483_648, settings.Cache.MaxBytes);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "zones__0__origin", null);
            Environment.SetEnvironmentVariable(prefix + "cache__maxBytes", null);
        }
    }

    [Fact]
    public void Command_Line_Switches_Override_The_File()
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(TestConfig.Build(TestConfig.Document()))
            .AddCommandLine(["--cache:maxBytes=1GB", "--zones:0:defaultTtl", "10m", "--config", "lacquer.json"])
            .Build();

        var settings = SettingsReader.Read(configuration).ExpectValid();

        Assert.Equal(1_000_000_000, settings.Cache.MaxBytes);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.Zones[0].DefaultTtl);
    }

    [Fact]
    public void A_Zone_Can_Come_Entirely_From_Overrides()
    {
        var settings = TestConfig.Read(
                "{}",
                ("zones:0:name", "env"),
                ("zones:0:id", "0123456789abcdef0123456789abcdef"),
                ("zones:0:hosts:0", "env.example.com"),
                ("zones:0:origin", "http://127.0.0.1:9000"),
                ("zones:0:tagHeaders:0:name", "Surrogate-Key"),
                ("zones:0:tagHeaders:0:separator", "space"))
            .ExpectValid();

        Assert.Equal("env", settings.Zones[0].Name);
        Assert.Equal([new("Surrogate-Key", ' ')], settings.Zones[0].TagHeaders);
    }
}
