// maxUpgradesPerClient and maxUpgrades (docs/configuration.md, "Upgrades"): their defaults, values in range
// from every source, and bad values reported at their path with the value quoted, all at once.
namespace Lacquer.Configuration;

public sealed class UpgradeLimitsSettingsTests
{
    [Fact]
    public void Upgrade_Caps_Default_To_64_Per_Client_And_10000_In_All()
    {
        var upgrades = TestConfig.Read(TestConfig.Document()).ExpectValid().Upgrades;

        Assert.Equal(new UpgradeLimits(64, 10_000), upgrades);
    }

    [Fact]
    public void Upgrade_Caps_Are_Read_From_The_File_And_From_Overrides()
    {
        Assert.Equal(
            new UpgradeLimits(8, 500),
            TestConfig.ReadWith("""  "maxUpgradesPerClient": 8, "maxUpgrades": "500"  """).ExpectValid().Upgrades);
        Assert.Equal(
            new UpgradeLimits(1, 1),
            TestConfig.Read(TestConfig.Document(), ("maxUpgradesPerClient", "1"), ("MAXUPGRADES", "1")).ExpectValid().Upgrades);
    }

    [Theory]
    [InlineData("maxUpgradesPerClient", "0", "must be a whole number from 1 to 100000 (found \"0\")")]
    [InlineData("maxUpgradesPerClient", "-1", "must be a whole number from 1 to 100000 (found \"-1\")")]
    [InlineData("maxUpgradesPerClient", "100001", "must be a whole number from 1 to 100000")]
    [InlineData("maxUpgradesPerClient", "ten", "must be a whole number from 1 to 100000 (found \"ten\")")]
    [InlineData("maxUpgradesPerClient", "2.5", "must be a whole number from 1 to 100000")]
    [InlineData("maxUpgradesPerClient", "", "must not be empty")]
    [InlineData("maxUpgrades", "0", "must be a whole number from 1 to 1000000 (found \"0\")")]
    [InlineData("maxUpgrades", "1000001", "must be a whole number from 1 to 1000000")]
    [InlineData("maxUpgrades", "lots", "must be a whole number from 1 to 1000000 (found \"lots\")")]
    public void A_Bad_Cap_Is_An_Error_At_Its_Path(string key, string value, string message)
    {
        var result = TestConfig.ReadWith($$"""  "{{key}}": "{{value}}"  """);

        result.ExpectOnlyError(key, message);
        Assert.Null(result.Settings);
    }

    [Fact]
    public void A_Per_Client_Cap_Above_The_Total_Cap_Is_An_Error()
    {
        TestConfig.ReadWith("""  "maxUpgradesPerClient": 50, "maxUpgrades": 20  """)
            .ExpectOnlyError("maxUpgradesPerClient", "must not exceed maxUpgrades (50 > 20)");
    }

    [Fact]
    public void An_Upgrade_Cap_Given_As_A_Section_Is_A_Shape_Error()
    {
        TestConfig.ReadWith("""  "maxUpgrades": { "total": 5 }  """).ExpectError("maxUpgrades", "expected");
    }
}
