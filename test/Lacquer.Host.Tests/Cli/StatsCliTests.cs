// `lacquer stats` against a real node: the counters per zone (with the zone's id) and in total, as a table or
// as the node's JSON.
using System.Text.Json;
using Lacquer.Harness;

namespace Lacquer.Cli;

public sealed class StatsCliTests
{
    [Fact]
    public async Task Table_Shows_Each_Zone_With_Its_Id_And_The_Totals()
    {
        await using var c = await Conversation.StartAsync();
        await c.Store("/a", "a1");
        await c.ExpectHit("/a", "a1");

        var run = await CliRun.RunAsync("stats", "--admin", c.Server.AdminUri.ToString());

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["zone", "id", "hits", "misses", "staleHits", "evictions", "objects", "storedBytes", "reclaimPending"], Cells(lines[0]));
        Assert.Equal(["test", TestSettings.ZoneId, "1", "1", "0", "0", "1"], Cells(lines[1])[..7]);
        Assert.Equal(["total", "1", "1", "0", "0", "1"], Cells(lines[2])[..6]);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Json_Is_The_Nodes_Report()
    {
        await using var c = await Conversation.StartAsync();
        await c.Store("/a", "a1");

        var run = await CliRun.RunAsync("stats", "--json", "--admin", c.Server.AdminUri.ToString());

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var zone = json.RootElement.GetProperty("zones").GetProperty("test");
        Assert.Equal(1, zone.GetProperty("misses").GetInt64());
        Assert.Equal(TestSettings.ZoneId, zone.GetProperty("id").GetString());
        c.Origin.ExpectAllConsumed();
    }

    private static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
