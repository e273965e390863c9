using Lacquer.Purge.Cluster;

namespace Lacquer.Configuration;

/// <summary>cluster: absent means one node; present needs redis, name and nodeId; each bad value's error at its path.</summary>
public sealed class ClusterSettingsTests
{
    private const string Minimal = """  "cluster": { "redis": "127.0.0.1:6379", "name": "shop", "nodeId": "edge-1" }  """;

    [Fact]
    public void Without_The_Section_The_Node_Runs_Alone()
    {
        Assert.Null(TestConfig.Read(TestConfig.Document()).ExpectValid().Cluster);
    }

    [Fact]
    public void Defaults_Are_A_Two_Second_Lease_Bypass_Wait_For_All_And_Five_Seconds()
    {
        var cluster = TestConfig.ReadWith(Minimal).ExpectValid().Cluster!;

        Assert.Equal("127.0.0.1:6379", cluster.Redis);
        Assert.Equal("shop", cluster.Name);
        Assert.Equal("edge-1", cluster.NodeId);
        Assert.Equal(TimeSpan.FromSeconds(2), cluster.Lease);
        Assert.Equal(PartitionPolicy.Bypass, cluster.OnPartition);
        Assert.Equal(PurgeWait.All, cluster.PurgeWait);
        Assert.Equal(TimeSpan.FromSeconds(5), cluster.WaitTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), cluster.DropAfter);
        Assert.Null(cluster.Timeline);
    }

    [Fact]
    public void Reads_Every_Setting()
    {
        var cluster = TestConfig.ReadWith("""
              "cluster": { "redis": "10.0.0.5:6380,ssl=true", "name": "shop.eu", "nodeId": "edge_2",
                           "lease": "1500ms", "onPartition": "serve", "purgeWait": "none", "waitTimeout": "3s",
                           "dropAfter": "2m", "timeline": "/var/tmp/timeline.txt" }
            """).ExpectValid().Cluster!;

        Assert.Equal("10.0.0.5:6380,ssl=true", cluster.Redis);
        Assert.Equal("shop.eu", cluster.Name);
        Assert.Equal("edge_2", cluster.NodeId);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), cluster.Lease);
        Assert.Equal(PartitionPolicy.Serve, cluster.OnPartition);
        Assert.Equal(PurgeWait.None, cluster.PurgeWait);
        Assert.Equal(TimeSpan.FromSeconds(3), cluster.WaitTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), cluster.DropAfter);
        Assert.Equal("/var/tmp/timeline.txt", cluster.Timeline);
    }

    [Theory]
    [InlineData("""  "cluster": { "name": "shop", "nodeId": "a" }  """, "cluster:redis", "is required")]
    [InlineData("""  "cluster": { "redis": "127.0.0.1:6379", "nodeId": "a" }  """, "cluster:name", "is required")]
    [InlineData("""  "cluster": { "redis": "127.0.0.1:6379", "name": "shop" }  """, "cluster:nodeId", "is required")]
    [InlineData("""  "cluster": { "redis": "127.0.0.1:6379", "name": "shop:eu", "nodeId": "a" }  """, "cluster:name", "must be 1-64 letters")]
    [InlineData("""  "cluster": { "redis": "127.0.0.1:6379", "name": "shop", "nodeId": "edge 1" }  """, "cluster:nodeId", "must be 1-64 letters")]
    [InlineData("""  "cluster": { "redis": "127.0.0.1:6379", "name": "shop", "nodeId": "a", "lease": "100ms" }  """, "cluster:lease", "must be between")]
    [InlineData("""  "cluster": { "redis": "127.0.0.1:6379", "name": "shop", "nodeId": "a", "onPartition": "stale" }  """, "cluster:onPartition", "must be bypass or serve")]
    [InlineData("""  "cluster": { "redis": "127.0.0.1:6379", "name": "shop", "nodeId": "a", "purgeWait": "some" }  """, "cluster:purgeWait", "must be all, local or none")]
    [InlineData("""  "cluster": { "redis": "127.0.0.1:6379", "name": "shop", "nodeId": "a", "waitTimeout": "2s" }  """, "cluster:waitTimeout", "must be longer than cluster:lease")]
    [InlineData("""  "cluster": { "redis": "127.0.0.1:6379", "name": "shop", "nodeId": "a", "dropAfter": "500ms" }  """, "cluster:dropAfter", "must be between")]
    [InlineData("""  "cluster": { "redis": "127.0.0.1:6379", "name": "shop", "nodeId": "a", "timeline": "" }  """, "cluster:timeline", "must not be empty")]
    [InlineData("""  "cluster": { "redis": "127.0.0.1:6379", "name": "shop", "nodeId": "a", "peers": [] }  """, "cluster:peers", "unknown setting")]
    [InlineData("""  "cluster": "127.0.0.1:6379"  """, "cluster", "expected an object")]
    public void Bad_Values_And_Unknown_Keys_Are_Errors_At_Their_Path(string member, string path, string message)
    {
        TestConfig.ReadWith(member).ExpectError(path, message);
    }

    [Fact]
    public void A_Bad_Redis_String_Is_Reported_Without_Echoing_It()
    {
        var errors = TestConfig.ReadWith("""  "cluster": { "redis": "host:6379, password=hunter2", "name": "shop", "nodeId": "a" }  """).Errors;

        var error = Assert.Single(errors);
        Assert.Equal("cluster:redis", error.Path);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
