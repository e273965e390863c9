// A seeded, bounded stress run across three nodes (invariant 8): readers fetch four tagged pages through random
// nodes while a purger publishes new content and purges it through random nodes and surfaces (a tag through the
// Cloudflare API, a URL through PURGE, everything), always waiting for the whole cluster. The checker: once a purge
// of a page answered success, no response to a request that started later carries a version older than the one
// published before that purge. Choices are seeded (the seed is in the failure message); counts are bounded.
using Lacquer.Harness;

namespace Lacquer.Purge.Cluster;

[Collection(ClusterTests.Name)]
public sealed class ClusterStressTests
{
    private const int Seed = 8_2026;
    private const int Purges = 30;
    private const int Readers = 4;
    private const int MaxReadsPerReader = 400;

    private static readonly string[] Pages = ["a", "b", "c", "d"];

    [Fact]
    public async Task No_Response_After_A_Confirmed_Purge_Carries_Purged_Content()
    {
        await using var world = await ClusterWorld.StartAsync();

        // floors[p]: the lowest version a response for page p may carry, raised once a purge covering p answered.
        var floors = new int[Pages.Length];
        using var done = new CancellationTokenSource();
        var violations = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var reads = 0;

        var readers = Enumerable.Range(0, Readers).Select(reader => Task.Run(async () =>
        {
            var random = new Random(Seed + reader + 1);
            for (var i = 0; i < MaxReadsPerReader && !done.IsCancellationRequested; i++)
            {
                var page = random.Next(Pages.Length);
                var node = world.Nodes[random.Next(world.Nodes.Count)];
                var floor = Volatile.Read(ref floors[page]);
                var response = await node.Get("/" + Pages[page]);
                Interlocked.Increment(ref reads);
                var version = int.Parse(response.Text[(response.Text.IndexOf('@', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                if (version < floor)
                {
                    violations.Enqueue($"{node.Id} served /{Pages[page]}@{version} ({response.CacheStatus}) after a confirmed purge of version {floor - 1}");
                }
            }
        })).ToArray();

        var purger = new Random(Seed);
        for (var i = 0; i < Purges; i++)
        {
            var version = world.Publish();
            var node = world.Nodes[purger.Next(world.Nodes.Count)];
            var kind = purger.Next(3);
            var page = purger.Next(Pages.Length);
            Exchange answer = kind switch
            {
                0 => await node.PurgeTag(Pages[page], wait: "all"),
                1 => await node.Client.Send("PURGE", "/" + Pages[page], null, "Lacquer-Purge-Wait: all"),
                _ => await node.Admin.Send("POST", $"/client/v4/zones/{TestSettings.ZoneId}/purge_cache",
                    new StringContent("""{"purge_everything":true}""", System.Text.Encoding.UTF8, "application/json"),
                    $"Authorization: Bearer {PurgeTestSettings.Secret}", "Lacquer-Purge-Wait: all"),
            };
            answer.ExpectStatus(200);
            for (var p = 0; p < Pages.Length; p++)
            {
                if (kind == 2 || p == page)
                {
                    Volatile.Write(ref floors[p], version);
                }
            }
        }

        await done.CancelAsync();
        await Task.WhenAll(readers);
        Assert.True(violations.IsEmpty, $"seed {Seed}: " + string.Join("; ", violations.Take(5)));
        Assert.True(reads > Purges, $"seed {Seed}: only {reads} reads ran alongside {Purges} purges");
    }
}
