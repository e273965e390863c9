// Alone (no cluster section), a node reports no cluster and confirms every purge whatever the wait mode asks.
using Lacquer.Harness;

namespace Lacquer.Purge.Cluster;

public sealed class SingleNodeClusterStateTests
{
    [Fact]
    public async Task Alone_Api_Cluster_Says_Disabled_And_Stats_Have_No_Cluster_Member()
    {
        await using var c = await Conversation.StartAsync();

        (await c.Admin.Get("/api/cluster")).ExpectStatus(200).ExpectBody("""{"enabled":false}""");
        Assert.DoesNotContain("\"cluster\"", (await c.Admin.Get("/api/stats")).Text, StringComparison.Ordinal);
        (await c.Admin.Send("POST", "/api/cluster", null)).ExpectStatus(405);
    }

    [Theory]
    [InlineData("all")]
    [InlineData("local")]
    [InlineData("NONE")]
    public async Task Alone_Every_Wait_Mode_Is_Confirmed_Once_Applied(string wait)
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        c.Origin.OnGet("/p").Reply(200, "v1", "Cache-Control: max-age=600");
        (await c.Client.Get("/p")).ExpectMiss();

        (await c.Client.Send("PURGE", "/p", null, $"Lacquer-Purge-Wait: {wait}")).ExpectStatus(200);

        c.Origin.OnGet("/p").Reply(200, "v2", "Cache-Control: max-age=600");
        (await c.Client.Get("/p")).ExpectMiss().ExpectBody("v2");
        c.Origin.ExpectAllConsumed();
    }
}
