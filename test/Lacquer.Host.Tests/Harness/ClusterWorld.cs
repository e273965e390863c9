// Three Lacquer nodes in one test process sharing a purge log in a redis-server of the test's own, each node
// reaching Redis through its own FaultProxy, and one scripted origin that serves /page and /other (tagged "page"
// and "other") with the body "<path>@<version>", where the test raises the version when it "publishes".
// Nodes run on the system clock: their leases are measured by the Redis server's clock, which a test cannot
// stop, so waits are on observable state (/api/cluster, the node's gate) with bounded timeouts, never sleeps.
using System.Text.Json;
using Lacquer.Configuration;
using Lacquer.Hosting;
using Lacquer.Purge.Cluster;
using Lacquer.Purge.Cluster.Redis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lacquer.Harness;

internal sealed class ClusterWorld : IAsyncDisposable
{
    /// <summary>
    /// The product's default lease. A node's gate closes when a renewal (every lease/4) has not answered by its
    /// deadline (an eighth short of the lease), so the slack is 5/8 of the lease less one round: 1.25 s here. With
    /// 1 s (0.625 s of slack) three nodes in one process on a loaded two-core machine missed it now and then, and a
    /// request the test meant to be a hit or a fill went to the origin with fwd=bypass; detail=cluster-lease.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    /// <summary>Longer than the lease with room to spare: a purge waiting for a paused bypass node succeeds once its lease ran out.</summary>
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(5);

    private int _version = 1;

    private ClusterWorld(RedisServer redis, ScriptedOrigin origin, string name)
    {
        Redis = redis;
        Origin = origin;
        Name = name;
    }

    public RedisServer Redis { get; }

    public ScriptedOrigin Origin { get; }

    public string Name { get; }

    public List<ClusterNode> Nodes { get; } = [];

    public ClusterNode A => Nodes[0];

    public ClusterNode B => Nodes[1];

    public ClusterNode C => Nodes[2];

    /// <summary>The version the origin serves now.</summary>
    public int Version => Volatile.Read(ref _version);

    /// <param name="policy">The partition policy of node C (A and B always bypass).</param>
    /// <param name="dropAfter">Every node's cluster:dropAfter; the default when null.</param>
    public static async Task<ClusterWorld> StartAsync(PartitionPolicy policy = PartitionPolicy.Bypass, int nodes = 3, TimeSpan? dropAfter = null)
    {
        var redis = await RedisServer.StartAsync();
        var origin = await ScriptedOrigin.StartAsync(TimeProvider.System);
        var world = new ClusterWorld(redis, origin, "t" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var path in (string[])["/page", "/other", "/a", "/b", "/c", "/d"])
        {
            var tag = path == "/page" ? "page" : path.TrimStart('/');
            origin.OnGet(path).Always().Handle(async context =>
            {
                context.Response.Headers.CacheControl = "max-age=3600";
                context.Response.Headers["Cache-Tag"] = tag;
                await context.Response.WriteAsync($"{path}@{world.Version}");
            });
        }

        origin.On("POST", "/page").Always().Reply(200, "saved");
        for (var i = 0; i < nodes; i++)
        {
            var id = ((char)('a' + i)).ToString();
            world.Nodes.Add(await ClusterNode.StartAsync(world, "node-" + id, i == 2 ? policy : PartitionPolicy.Bypass, dropAfter ?? ClusterSettings.DefaultDropAfter));
        }

        await world.AllReadyAsync();
        return world;
    }

    /// <summary>Serves the next version from now on (the content changed at the origin).</summary>
    public int Publish() => Interlocked.Increment(ref _version);

    /// <summary>
    /// Until every node holds a valid lease and has read the whole world in the member set. Nodes start one after
    /// another but each first reaches Redis in its own time, so a node can be ready having read a member set that
    /// a slower node had not joined yet; it sees it only at its next renewal (lease/4 later).
    /// </summary>
    public async Task AllReadyAsync()
    {
        await Task.WhenAll(Nodes.Select(node => node.ReadyAsync()));
        await Progress.Until(() => Nodes.All(node => node.Log.Members.Count == Nodes.Count), $"every node read {Nodes.Count} members");
    }

    /// <summary>
    /// Kills <paramref name="node"/> for good, as a crash would: its link to Redis goes silent first, so it cannot
    /// leave the member set as a clean stop does; then it stops and leaves <see cref="Nodes"/>.
    /// </summary>
    public async Task KillAsync(ClusterNode node)
    {
        node.Link.Pause();
        await node.DisposeAsync();
        Nodes.Remove(node);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        await Origin.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

internal sealed class ClusterNode : IAsyncDisposable
{
    /// <summary>The secret of a token that may read /api/purges.</summary>
    public const string ReaderSecret = "reader-secret-value";

    private readonly RedisServer _redis;

    private ClusterNode(string id, FaultProxy link, LacquerServer server, RedisServer redis)
    {
        _redis = redis;
        Id = id;
        Link = link;
        Server = server;
        Client = new ProxyClient(server.ProxyUri, TestSettings.Host);
        Admin = new ProxyClient(server.AdminUri, "127.0.0.1");
    }

    public string Id { get; }

    /// <summary>This node's connection to Redis.</summary>
    public FaultProxy Link { get; }

    public LacquerServer Server { get; }

    public ProxyClient Client { get; }

    public ProxyClient Admin { get; }

    public ServeGate Gate => Server.Purges.Log.Gate;

    /// <summary>This node's shared purge log.</summary>
    public RedisPurgeLog Log => (RedisPurgeLog)Server.Purges.Log;

    public static async Task<ClusterNode> StartAsync(ClusterWorld world, string id, PartitionPolicy policy, TimeSpan dropAfter)
    {
        var link = FaultProxy.Start(world.Redis.Port);
        var reader = PurgeTestSettings.Token("reader", ReaderSecret, [TokenSettings.AllZones], TokenSettings.ReadPermission);
        var settings = PurgeTestSettings.Configure(tokens: reader)(TestSettings.For(TestSettings.Zone(world.Origin.Uri))) with
        {
            Cluster = new ClusterSettings($"127.0.0.1:{link.Port}", world.Name, id, ClusterWorld.Lease, policy, PurgeWait.All, ClusterWorld.WaitTimeout)
            {
                DropAfter = dropAfter,
            },
        };
        var server = await LacquerServer.StartAsync(settings, TimeProvider.System, builder => builder.SetMinimumLevel(LogLevel.None));
        return new ClusterNode(id, link, server, world.Redis);
    }

    /// <summary>This node's /api/cluster.</summary>
    public async Task<JsonElement> StateAsync()
    {
        var exchange = await Admin.Get("/api/cluster");
        using var document = JsonDocument.Parse(exchange.Body);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Until the node holds a valid lease: it renewed it in Redis (so it is a member) and caught up with the log. A
    /// serve node's gate is open from the start, so its lease state says when that first contact happened.
    /// </summary>
    public Task ReadyAsync() => Progress.Until(() => Gate.IsOpen && Log.LeaseState == "valid", $"{Id} holds a valid lease");

    /// <summary>
    /// GET <paramref name="path"/> through this node. An answer the node gave without its cache because its lease
    /// lapsed while the test held nothing between it and Redis (a renewal late on a loaded machine: the product
    /// failing closed, as it should) is asked again once the node serves from cache again, at most twice more;
    /// while the test pauses the node's link or has stopped Redis, every answer is returned as it came.
    /// </summary>
    public async Task<Exchange> Get(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            var exchange = await Client.Get(path);
            if (attempt == 3 || !exchange.CacheStatus.Contains("detail=cluster-lease", StringComparison.Ordinal) || Link.IsPaused || !_redis.IsRunning)
            {
                return exchange;
            }

            await Progress.Until(() => Gate.IsOpen, $"{Id} serves from cache again");
        }
    }

    /// <summary>A tag purge through the Cloudflare API of this node.</summary>
    public Task<Exchange> PurgeTag(string tag, string? wait = null, string query = "")
    {
        string[] headers = wait is null
            ? [$"Authorization: Bearer {PurgeTestSettings.Secret}"]
            : [$"Authorization: Bearer {PurgeTestSettings.Secret}", $"Lacquer-Purge-Wait: {wait}"];
        return Admin.Send("POST", $"/client/v4/zones/{TestSettings.ZoneId}/purge_cache{query}", new StringContent($$"""{"tags":["{{tag}}"]}""", System.Text.Encoding.UTF8, "application/json"), headers);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await Server.DisposeAsync();
        await Link.DisposeAsync();
    }
}
