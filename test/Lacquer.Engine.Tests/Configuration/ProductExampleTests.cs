using System.Security.Cryptography;
using System.Text;

namespace Lacquer.Configuration;

/// <summary>The complete configuration example of the product (every section, as an operator writes it), with a real hash for the elided secretSha256.</summary>
public sealed class ProductExampleTests
{
    // SHA-256 of "test".
    private const string OpsHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private const string Example = $$"""
        {
          "listen": { "proxy": "http://127.0.0.1:8080", "admin": "http://127.0.0.1:8081" },
          "cache":  { "maxBytes": "512MB", "maxObjectBytes": "16MB" },
          "zones": [
            {
              "name": "example",
              "id": "023e105f4ecef8ad9ca31a8372d0c353",
              "hosts": ["www.example.com", "images.example.com"],
              "origin": "http://127.0.0.1:9000",
              "cacheKeyHeaders": ["CF-Device-Type", "CF-IPCountry", "Accept-Language"]
            }
          ],
          "tokens": [
            { "name": "deploy-bot", "secret": "s3cr3t-value", "zones": ["example"], "permissions": ["purge"] },
            { "name": "ops", "secretSha256": "{{OpsHash}}", "zones": ["*"], "permissions": ["purge", "read"] }
          ],
          "compat": {
            "crafter":  { "managementToken": "defaultManagementToken" },
            "flextype": { "tokens": [ { "token": "efe1e36e4d60fcd547e22eb9f795dff9", "accessToken": "efe1e36e4d60fcd547e22eb9f795dff9" } ] }
          }
        }
        """;

    [Fact]
    public void Reads_The_Listeners_And_Cache_Limits()
    {
        var settings = TestConfig.Read(Example).ExpectValid();

        Assert.Equal([new Uri("http://127.0.0.1:8080")], settings.Listen.Proxy);
        Assert.Equal(new Uri("http://127.0.0.1:8081"), settings.Listen.Admin);
        Assert.Equal(512_000_000, settings.Cache.MaxBytes);
        Assert.Equal(16_000_000, settings.Cache.MaxObjectBytes);
        Assert.Equal(TimeSpan.FromDays(1), settings.Cache.MaxHeuristicTtl);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Cache.OriginTimeout);
    }

    [Fact]
    public void Reads_The_Zone_With_Defaults_For_What_It_Leaves_Out()
    {
        var zone = Assert.Single(TestConfig.Read(Example).ExpectValid().Zones);

        Assert.Equal("example", zone.Name);
        Assert.Equal("023e105f4ecef8ad9ca31a8372d0c353", zone.Id);
        Assert.Equal(["www.example.com", "images.example.com"], zone.Hosts);
        Assert.Equal(new Uri("http://127.0.0.1:9000"), zone.Origin);
        Assert.Equal(["CF-Device-Type", "CF-IPCountry", "Accept-Language"], zone.CacheKeyHeaders);
        Assert.Equal(TagHeaderSettings.Defaults, zone.TagHeaders);
        Assert.Equal(TimeSpan.Zero, zone.DefaultTtl);
        Assert.Equal(TimeSpan.FromDays(1), zone.MaxHeuristicTtl);
        Assert.False(zone.CacheSetCookie);
        Assert.Equal(TimeSpan.FromSeconds(30), zone.OriginTimeout);
    }

    [Fact]
    public void Reads_Tokens_Keeping_Only_The_Hash_Of_A_Plain_Secret()
    {
        var tokens = TestConfig.Read(Example).ExpectValid().Tokens;

        Assert.Equal(2, tokens.Count);
        Assert.Equal("deploy-bot", tokens[0].Name);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes("s3cr3t-value")), tokens[0].SecretSha256);
        Assert.Equal(["example"], tokens[0].Zones);
        Assert.Equal(["purge"], tokens[0].Permissions);
        Assert.Equal("ops", tokens[1].Name);
        Assert.Equal(Convert.FromHexString(OpsHash), tokens[1].SecretSha256);
        Assert.Equal(["*"], tokens[1].Zones);
        Assert.Equal(["purge", "read"], tokens[1].Permissions);
    }

    [Fact]
    public void Reads_The_Compat_Tokens()
    {
        var compat = TestConfig.Read(Example).ExpectValid().Compat;

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes("defaultManagementToken")), compat.Crafter.ManagementTokenSha256);
        var flextype = Assert.Single(compat.Flextype.Tokens);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes("efe1e36e4d60fcd547e22eb9f795dff9")), flextype.TokenSha256);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes("efe1e36e4d60fcd547e22eb9f795dff9")), flextype.AccessTokenSha256);
    }

    [Fact]
    public void Settings_Lists_Are_Read_Only()
    {
        var settings = TestConfig.Read(Example).ExpectValid();

        Assert.True(((ICollection<ZoneSettings>)settings.Zones).IsReadOnly);
        Assert.True(((ICollection<string>)settings.Zones[0].Hosts).IsReadOnly);
        Assert.True(((ICollection<string>)settings.Zones[0].CacheKeyHeaders).IsReadOnly);
        Assert.True(((ICollection<TokenSettings>)settings.Tokens).IsReadOnly);
        Assert.True(((ICollection<string>)settings.Tokens[0].Permissions).IsReadOnly);
    }

    [Fact]
    public void Token_Text_Never_Shows_The_Secret_Or_Its_Hash()
    {
        var text = string.Join("\n", TestConfig.Read(Example).ExpectValid().Tokens);

        Assert.DoesNotContain("s3cr3t-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain(OpsHash, text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("deploy-bot", text, StringComparison.Ordinal);
    }
}
