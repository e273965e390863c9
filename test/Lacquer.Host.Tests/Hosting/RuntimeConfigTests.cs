// The runtime settings the lacquer executable carries in its runtimeconfig.json (the file the .NET host reads when
// it starts the process; LacquerProcess starts the same build). Settings that the runtime reads only from the
// environment, such as the gen0 budget, are in docs/configuration.md, "The runtime's environment", instead.
using System.Text.Json;

namespace Lacquer.Hosting;

public sealed class RuntimeConfigTests
{
    [Fact]
    public void The_Executable_Keeps_Idle_ThreadPool_Workers_From_Spinning()
    {
        // An idle worker spinning (sched_yield) before it sleeps takes CPU from the socket copies it waits for:
        // docs/performance.md, "1 MiB hits". The runtime reads this property at start-up; 0 means no spinning.
        var path = Path.Combine(AppContext.BaseDirectory, "lacquer.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", out var spinLimit), $"{path} has no spin limit");
        Assert.Equal(0, spinLimit.GetInt32());
    }
}
