// Start-up refuses the seed endpoints that have no authentication, or only a published default credential,
// on an admin listener that is not on loopback, naming the settings that would make it safe (docs/compat.md).
namespace Lacquer.Hosting;

public sealed class CompatStartupTests
{
    [Fact]
    public async Task A_Public_Admin_Listener_With_Open_Seed_Endpoints_Is_Refused()
    {
        var (exitCode, _, stderr) = await LacquerProcess.RunAsync(
            "--demo", "--listen:proxy=http://127.0.0.1:0", "--listen:admin=http://0.0.0.0:0");

        Assert.Equal(2, exitCode);
        Assert.Contains("4 configuration error(s)", stderr, StringComparison.Ordinal);
        Assert.Contains("compat:serviceCache: has no authentication, but listen:admin (0.0.0.0:0) is not a loopback address", stderr, StringComparison.Ordinal);
        Assert.Contains("compat:referenceServer: has no authentication", stderr, StringComparison.Ordinal);
        Assert.Contains("compat:crafter:managementToken: is Crafter's default management token (defaultManagementToken), which is publicly known; refused while listen:admin (0.0.0.0:0) is not a loopback address", stderr, StringComparison.Ordinal);
        Assert.Contains("compat:flextype:tokens:0: uses the example token of Flextype's documentation", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switching_The_Open_Endpoints_Off_Makes_It_Acceptable()
    {
        var (exitCode, _, stderr) = await LacquerProcess.RunAsync(
            "--demo", "--listen:proxy=http://127.0.0.1:0", "--listen:admin=http://0.0.0.0:0",
            "--compat:serviceCache:enabled=false", "--compat:referenceServer:allowNonLoopback=true",
            "--compat:flextype:tokens:0:enabled=false", "--compat:crafter:enabled=maybe");

        // Only the deliberately bad switch is left to report: the other surfaces are now acceptable, and Crafter
        // with an invalid switch counts as off instead of adding an error about its default token.
        Assert.Equal(2, exitCode);
        Assert.Contains("1 configuration error(s)", stderr, StringComparison.Ordinal);
        Assert.Contains("compat:crafter:enabled: must be true or false", stderr, StringComparison.Ordinal);
    }
}
