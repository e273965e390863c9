// Invariant 8 (docs/cluster.md): three nodes share a purge log in Redis; a purge through any node is applied by
// every node, and a purge that waited for the cluster answers success only when every live node applied it or
// stopped serving from its cache.
using System.Text.Json;
using Lacquer.Configuration;
using Lacquer.Harness;
using Lacquer.Purge.Cluster;

namespace Lacquer.Purge.Cluster;

[Collection(ClusterTests.Name)]
public sealed class ClusterPurgeTests
{
    [Fact]
    public async Task A_Purge_Waiting_For_All_Through_One_Node_Makes_Every_Node_Refetch()
    {
        await using var world = await ClusterWorld.StartAsync();
        foreach (var node in world.Nodes)
        {
            (await node.Get("/page")).ExpectBody("/page@1");
            (await node.Get("/page")).ExpectHit().ExpectBody("/page@1");
            (await node.Get("/other")).ExpectBody("/other@1");
        }

        world.Publish();
        (await world.A.PurgeTag("page", wait: "all")).ExpectStatus(200);

        foreach (var node in world.Nodes)
        {
            (await node.Get("/page")).ExpectMiss().ExpectBody("/page@2");
            (await node.Get("/other")).ExpectHit().ExpectBody("/other@1");
        }

        // Every node's audit log holds the purge under the same id, with its sequence number and the node that took
        // it; the node that took it has heard every node's acknowledgement.
        var id = Assert.Single(world.A.Server.Purges.Audit.Snapshot()).Id;
        foreach (var node in world.Nodes)
        {
            var record = Assert.Single(node.Server.Purges.Audit.Snapshot());
            Assert.Equal(id, record.Id);
            Assert.Equal("node-a", record.Cluster!.Origin);
            Assert.Equal(1, record.Cluster.Sequence);
        }

        await Progress.Until(() => Assert.Single(world.A.Server.Purges.Audit.Snapshot()).Cluster!.Applied.Count == 3, "node-a heard three acknowledgements");
        var purges = await world.A.Admin.Get("/api/purges", $"Authorization: Bearer {ClusterNode.ReaderSecret}");
        using var json = JsonDocument.Parse(purges.Body);
        var cluster = json.RootElement.GetProperty("purges")[0].GetProperty("cluster");
        Assert.Equal("node-a", cluster.GetProperty("node").GetString());
        Assert.Equal(["node-a", "node-b", "node-c"], cluster.GetProperty("appliedMs").EnumerateObject().Select(p => p.Name));

        var metrics = (await world.C.Admin.Get("/metrics")).Text;
        Assert.Contains("lacquer_cluster_lease_valid{node=\"node-c\"", metrics, StringComparison.Ordinal);
        Assert.Contains("lacquer_cluster_applied_sequence{node=\"node-c\"", metrics, StringComparison.Ordinal);
        Assert.Contains("lacquer_cluster_lag{node=\"node-c\"", metrics, StringComparison.Ordinal);
        Assert.Contains("lacquer_cluster_flushes_total{node=\"node-c\"", metrics, StringComparison.Ordinal);
        var stats = (await world.C.Admin.Get("/api/stats")).Text;
        Assert.Contains("\"cluster\":{\"enabled\":true,\"name\":", stats, StringComparison.Ordinal);

        var state = await world.C.StateAsync();
        Assert.Equal("node-c", state.GetProperty("nodeId").GetString());
        Assert.Equal("valid", state.GetProperty("lease").GetString());
        Assert.Equal(1, state.GetProperty("applied").GetInt64());
        Assert.Equal(3, state.GetProperty("members").GetArrayLength());
    }

    [Fact]
    public async Task A_Paused_Node_Is_Waited_For_Until_Its_Lease_Ran_Out_Serves_Nothing_Stored_Meanwhile_And_Replays_On_Resume()
    {
        await using var world = await ClusterWorld.StartAsync();
        foreach (var node in world.Nodes)
        {
            (await node.Get("/page")).ExpectBody("/page@1");
            (await node.Get("/other")).ExpectBody("/other@1");
        }

        world.C.Link.Pause();
        world.Publish();
        var purge = await world.A.PurgeTag("page", wait: "all");

        // Success came only once C's lease had run out, and C had already stopped serving from cache by then.
        purge.ExpectStatus(200);
        Assert.False(world.C.Gate.IsOpen, "C still serves from cache after the purge answered success");
        (await world.C.Get("/page")).ExpectBody("/page@2");
        var other = await world.C.Get("/other");
        Assert.Contains("fwd=bypass", other.CacheStatus, StringComparison.Ordinal);

        world.C.Link.Resume();
        await world.C.ReadyAsync();
        Assert.Equal(1, (await world.C.StateAsync()).GetProperty("applied").GetInt64());
        (await world.C.Get("/page")).ExpectBody("/page@2");
        (await world.C.Get("/page")).ExpectHit().ExpectBody("/page@2");
        (await world.C.Get("/other")).ExpectHit().ExpectBody("/other@1");
    }

    [Fact]
    public async Task A_Node_Cut_Off_During_A_Hundred_Purges_Fills_The_Gaps()
    {
        await using var world = await ClusterWorld.StartAsync();
        var tags = new[] { "a", "b", "c", "d" };
        foreach (var node in world.Nodes)
        {
            foreach (var tag in tags)
            {
                (await node.Get("/" + tag)).ExpectBody($"/{tag}@1");
            }
        }

        world.Publish();
        var random = new Random(20261203);
        for (var i = 0; i < 100; i++)
        {
            if (i % 10 == 3)
            {
                world.C.Link.Cut();
            }

            (await world.A.PurgeTag(tags[random.Next(tags.Length)] + "-none", wait: "none")).ExpectStatus(200);
        }

        foreach (var tag in tags)
        {
            (await world.A.PurgeTag(tag, wait: "none")).ExpectStatus(200);
        }

        await Progress.Until(() => world.C.Server.Purges.Audit.Snapshot().Length == 104, "C applied all 104 purges");
        var sequences = world.C.Server.Purges.Audit.Snapshot().Select(record => record.Cluster!.Sequence).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 104).Select(i => (long)i), sequences);
        foreach (var tag in tags)
        {
            (await world.C.Get("/" + tag)).ExpectBody($"/{tag}@2");
        }
    }

    [Fact]
    public async Task When_Redis_Restarts_Empty_Every_Node_Empties_Its_Cache()
    {
        await using var world = await ClusterWorld.StartAsync();
        foreach (var node in world.Nodes)
        {
            (await node.Get("/page")).ExpectBody("/page@1");
            (await node.Get("/page")).ExpectHit();
        }

        var epoch = (await world.A.StateAsync()).GetProperty("epoch").GetString();
        world.Publish();
        await world.Redis.RestartEmptyAsync();

        foreach (var node in world.Nodes)
        {
            await Progress.Until(() => node.Server.Purges.Audit.Snapshot().Any(record => record.Surface == "cluster-resync"), $"{node.Id} flushed");
            await node.ReadyAsync();
            (await node.Get("/page")).ExpectMiss().ExpectBody("/page@2");
            Assert.NotEqual(epoch, (await node.StateAsync()).GetProperty("epoch").GetString());
        }
    }

    [Fact]
    public async Task A_Node_Whose_Position_Was_Trimmed_From_The_Log_Empties_Its_Cache()
    {
        await using var world = await ClusterWorld.StartAsync();
        (await world.A.PurgeTag("warm-up", wait: "all")).ExpectStatus(200);
        (await world.C.Get("/other")).ExpectBody("/other@1");
        (await world.C.Get("/other")).ExpectHit();

        world.C.Link.Pause();
        world.Publish();
        for (var i = 0; i < 5; i++)
        {
            (await world.A.PurgeTag("unrelated-" + i, wait: "none")).ExpectStatus(200);
        }

        await using (var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{world.Redis.Port}"))
        {
            await redis.GetDatabase().StreamTrimAsync($"lq:{{{world.Name}}}:log", 2);
        }

        // The wake-ups held for C are lost with its connections: it can learn of the purges only from the log.
        world.C.Link.Cut();
        world.C.Link.Resume();
        await Progress.Until(() => world.C.Server.Purges.Audit.Snapshot().Any(record => record.Surface == "cluster-resync"), "C flushed");
        await world.C.ReadyAsync();
        (await world.C.Get("/other")).ExpectMiss().ExpectBody("/other@2");
    }

    [Fact]
    public async Task Every_Surface_Shares_Its_Purge_And_Invalidations_After_Unsafe_Methods_Reach_Every_Node()
    {
        await using var world = await ClusterWorld.StartAsync();
        foreach (var node in world.Nodes)
        {
            (await node.Get("/page")).ExpectBody("/page@1");
            (await node.Get("/other")).ExpectBody("/other@1");
        }

        // PURGE on B's proxy listener, in its own error format for a bad wait mode, then for real.
        var refused = await world.B.Client.Send("PURGE", "/page", null, "Lacquer-Purge-Wait: soon");
        refused.ExpectStatus(400);
        Assert.Contains("\"status\":\"error\"", refused.Text, StringComparison.Ordinal);
        (await world.A.Get("/page")).ExpectHit();

        world.Publish();
        (await world.B.Client.Send("PURGE", "/page", null, "Lacquer-Purge-Wait: all")).ExpectStatus(200);
        foreach (var node in world.Nodes)
        {
            (await node.Get("/page")).ExpectMiss().ExpectBody("/page@2");
        }

        // A POST through C invalidates /page on every node (RFC 9111 §4.4), not only on C.
        world.Publish();
        (await world.C.Client.Send("POST", "/page", new StringContent("x"))).ExpectStatus(200);
        await Progress.Until(() => world.Nodes.All(node => node.Server.Purges.Audit.Snapshot().Any(record => record.Surface == "invalidation")), "every node applied the invalidation");
        foreach (var node in world.Nodes)
        {
            (await node.Get("/page")).ExpectMiss().ExpectBody("/page@3");
            (await node.Get("/other")).ExpectHit().ExpectBody("/other@1");
        }
    }

    [Fact]
    public async Task With_The_Serve_Policy_A_Paused_Node_Makes_The_Purge_Fail_Naming_It()
    {
        await using var world = await ClusterWorld.StartAsync(PartitionPolicy.Serve);
        (await world.C.Get("/page")).ExpectBody("/page@1");

        world.C.Link.Pause();
        world.Publish();
        var purge = await world.A.PurgeTag("page", wait: "all");

        purge.ExpectStatus(504);
        using var json = JsonDocument.Parse(purge.Body);
        Assert.False(json.RootElement.GetProperty("success").GetBoolean());
        var message = json.RootElement.GetProperty("errors")[0].GetProperty("message").GetString()!;
        Assert.Contains("node-c", message, StringComparison.Ordinal);
        Assert.DoesNotContain("node-a", message, StringComparison.Ordinal);
        Assert.DoesNotContain("node-b", message, StringComparison.Ordinal);

        // The node that took it and the reachable node did purge.
        (await world.A.Get("/page")).ExpectBody("/page@2");
        world.C.Link.Resume();
    }

    [Fact]
    public async Task A_Serve_Node_Killed_For_Good_Is_Named_Until_The_Member_Set_Drops_It_As_Gone()
    {
        // The drop (its lease end + 8 s) comes well after a purge waiting for it timed out (ClusterWorld.WaitTimeout).
        await using var world = await ClusterWorld.StartAsync(PartitionPolicy.Serve, dropAfter: TimeSpan.FromSeconds(8));
        await world.KillAsync(world.C);

        // Before the drop the dead node is waited for, and named.
        var failed = await world.A.PurgeTag("page", wait: "all");
        failed.ExpectStatus(504);
        using (var json = JsonDocument.Parse(failed.Body))
        {
            var message = json.RootElement.GetProperty("errors")[0].GetProperty("message").GetString()!;
            Assert.Contains("node-c", message, StringComparison.Ordinal);
            Assert.DoesNotContain("node-a", message, StringComparison.Ordinal);
            Assert.DoesNotContain("node-b", message, StringComparison.Ordinal);
        }

        var before = await world.A.StateAsync();
        Assert.Contains("node-c", before.GetProperty("members").EnumerateArray().Select(member => member.GetProperty("nodeId").GetString()));
        Assert.Empty(before.GetProperty("gone").EnumerateArray());

        // After it, the set lists it as gone, and a purge waits only for the live nodes.
        await Progress.Until(() => world.A.Log.Gone.Any(gone => gone.Key == "node-c"), "A read node-c as gone");
        var state = await world.A.StateAsync();
        Assert.Equal(["node-a", "node-b"], state.GetProperty("members").EnumerateArray().Select(member => member.GetProperty("nodeId").GetString()));
        Assert.Equal("node-c", Assert.Single(state.GetProperty("gone").EnumerateArray()).GetProperty("nodeId").GetString());

        world.Publish();
        var purge = await world.A.PurgeTag("page", wait: "all");
        purge.ExpectStatus(200);
        Assert.DoesNotContain("node-c", purge.Text, StringComparison.Ordinal);
        (await world.B.Get("/page")).ExpectBody("/page@2");
    }

    [Fact]
    public async Task A_Partitioned_Serve_Node_Stops_Serving_From_Cache_Before_It_Is_Dropped_And_Replays_When_Back()
    {
        await using var world = await ClusterWorld.StartAsync(PartitionPolicy.Serve, dropAfter: TimeSpan.FromSeconds(2));
        (await world.C.Get("/page")).ExpectBody("/page@1");
        (await world.C.Get("/other")).ExpectBody("/other@1");
        (await world.C.Get("/other")).ExpectHit();

        world.C.Link.Pause();
        await Progress.Until(() => world.C.Log.LeaseState == "expired-serving", "C noticed it lost the log");
        (await world.C.Get("/other")).ExpectHit();

        // Past its horizon (lease + dropAfter, less the margin) it fails closed, before the others drop it.
        await Progress.Until(() => !world.C.Gate.IsOpen, "C stopped serving from cache");
        Assert.Equal("expired", await LeaseOf(world.C));
        world.Publish();
        (await world.A.PurgeTag("page", wait: "all")).ExpectStatus(200);
        Assert.False(world.C.Gate.IsOpen, "C serves from cache after a purge confirmed without it");
        Assert.Contains("fwd=bypass", (await world.C.Get("/other")).CacheStatus, StringComparison.Ordinal);
        (await world.C.Get("/page")).ExpectBody("/page@2");

        // Back, it joins again and replays the purge before it serves from cache.
        world.C.Link.Resume();
        await world.C.ReadyAsync();
        Assert.Contains(world.C.Server.Purges.Audit.Snapshot(), record => record.Selectors.Contains("tag:page"));
        (await world.C.Get("/page")).ExpectBody("/page@2");
        (await world.C.Get("/page")).ExpectHit().ExpectBody("/page@2");
        (await world.C.Get("/other")).ExpectHit().ExpectBody("/other@1");
    }

    [Fact]
    public async Task A_Waiting_Purge_Settles_On_The_Acknowledgement_Message_Of_The_Current_Epoch_Only()
    {
        await using var world = await ClusterWorld.StartAsync(PartitionPolicy.Serve);
        var epoch = (await world.A.StateAsync()).GetProperty("epoch").GetString();
        world.C.Link.Pause();
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{world.Redis.Port}");
        var channel = StackExchange.Redis.RedisChannel.Literal($"lq:{{{world.Name}}}:ack");

        // Each message is published while the purge waits (once A knows its sequence number): a message from another
        // log (an old epoch) settles nothing, and C, silent and serving, is named.
        (await PurgeAcknowledgedMeanwhile("page", "node-c 0123456789abcdef 1000000")).ExpectStatus(504);

        // One of this log settles C without the member set saying so (Redis still holds C's old applied sequence):
        // the wait reads the acknowledgement messages themselves.
        (await PurgeAcknowledgedMeanwhile("other", $"node-c {epoch} 1000000")).ExpectStatus(200);
        world.C.Link.Resume();

        async Task<Exchange> PurgeAcknowledgedMeanwhile(string tag, string message)
        {
            var purge = world.A.PurgeTag(tag, wait: "all");
            await Progress.Until(
                () => world.A.Server.Purges.Audit.Snapshot().Any(record => record.Selectors.Contains("tag:" + tag) && record.Cluster?.Sequence > 0),
                $"A appended the purge of {tag}");
            await redis.GetSubscriber().PublishAsync(channel, message);
            return await purge;
        }
    }

    private static async Task<string?> LeaseOf(ClusterNode node) => (await node.StateAsync()).GetProperty("lease").GetString();

    [Fact]
    public async Task With_Redis_Down_A_Purge_Answers_An_Error_And_Still_Purges_Locally()
    {
        await using var world = await ClusterWorld.StartAsync();
        (await world.A.Get("/page")).ExpectBody("/page@1");
        (await world.A.Get("/page")).ExpectHit();

        await world.Redis.StopAsync();
        world.Publish();
        var purge = await world.A.PurgeTag("page", wait: "none");

        purge.ExpectStatus(503);
        using var json = JsonDocument.Parse(purge.Body);
        Assert.False(json.RootElement.GetProperty("success").GetBoolean());
        Assert.Contains("unreachable", json.RootElement.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(world.A.Server.Purges.Audit.Snapshot(), record => record.Selectors.Contains("tag:page"));
        (await world.A.Get("/page")).ExpectBody("/page@2");
    }
}

/// <summary>Cluster tests run one at a time: each starts a redis-server and three nodes, and leases are real time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterTests
{
    public const string Name = "Cluster";
}
