// The demo configuration is valid and carries what the documented seed requests need (docs/compat.md):
// Crafter's default management token and Flextype's documented example token.
using Lacquer.Configuration;
using Lacquer.Demo;
using Lacquer.Security;
using Microsoft.Extensions.Configuration;

namespace Lacquer.Hosting;

public sealed class DemoConfigurationTests
{
    [Fact]
    public void The_Demo_Serves_Every_Seed_Surface_With_The_Documented_Credentials()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(DemoConfiguration.For(new Uri("http://127.0.0.1:9000"))).Build();

        var result = SettingsReader.Read(configuration);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var compat = result.Settings!.Compat;
        Assert.True(compat.Crafter.Enabled && compat.ServiceCache.Enabled && compat.ReferenceServer.Enabled && compat.Flextype.Enabled);
        Assert.Equal(SecretHash.Of("defaultManagementToken"), compat.Crafter.ManagementTokenSha256);
        var flextype = Assert.Single(compat.Flextype.Tokens);
        Assert.Equal(SecretHash.Of("efe1e36e4d60fcd547e22eb9f795dff9"), flextype.TokenSha256);
        Assert.Equal(SecretHash.Of("efe1e36e4d60fcd547e22eb9f795dff9"), flextype.AccessTokenSha256);
    }
}
