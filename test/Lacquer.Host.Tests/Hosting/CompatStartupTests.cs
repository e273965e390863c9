// Start-up refuses the seed endpoints that have no authentication on an admin listener that is not on
// loopback, naming the settings that would make it safe (PRODUCT.md "Surfaces", docs/compat.md).
namespace Lacquer.Hosting;

public sealed class CompatStartupTests
{
    [Fact]
    public async Task A_Public_Admin_Listener_With_Open_Seed_Endpoints_Is_Refused()
    {
        var (exitCode, _, stderr) = await LacquerProcess.RunAsync(
            "--demo", "--listen:proxy=http://127.0.0.1:0", "--listen:admin=http://0.0.0.0:0");

        Assert.Equal(2, exitCode);
        Assert.Contains("compat:serviceCache: has no authentication, but listen:admin (0.0.0.0:0) is not a loopback address", stderr, StringComparison.Ordinal);
        Assert.Contains("compat:referenceServer: has no authentication", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switching_The_Open_Endpoints_Off_Makes_It_Acceptable()
    {
        var (exitCode, _, stderr) = await LacquerProcess.RunAsync(
            "--demo", "--listen:proxy=http://127.0.0.1:0", "--listen:admin=http://0.0.0.0:0",
            "--compat:serviceCache:enabled=false", "--compat:referenceServer:allowNonLoopback=true", "--compat:crafter:enabled=maybe");

        // Only the deliberately bad switch is left to report: the two surfaces are now acceptable.
        Assert.Equal(2, exitCode);
        Assert.Contains("1 configuration error(s)", stderr, StringComparison.Ordinal);
        Assert.Contains("compat:crafter:enabled: must be true or false", stderr, StringComparison.Ordinal);
    }
}
