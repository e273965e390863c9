// Invariant 1 under load: once a purge has answered, no request that starts afterwards is served the
// content it purged, including content whose origin fetch started before the purge and ended after it.
//
// The real listeners serve a VersionedSite. Clients fetch random pages (some with no-cache, to make fills
// while a page is cached) and check each response against the page's required version as it stood when the
// request started. A purger publishes a page (the origin serves the next version) and purges it — by URL,
// own tag, group tag, prefix, host or everything, hard and soft, through Cloudflare-style commands given to
// the PurgeService, the Cloudflare API on the admin listener and the PURGE method — then records the answer
// and releases the origin requests it held, preferring pages with held requests so that fills race the
// purge. Responses are cacheable for an hour and the clock does not move: a fill stored after the purge
// would be served until the end. Bounded by count: MaxPurges purges, then the clients stop (SafetyNet only
// turns a hang into a failure). Seeded: every random choice comes from Seed (override it with the environment
// variable LACQUER_STRESS_SEED to replay a failure; the seed is printed and named in every failure message).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Lacquer.Harness;
using Lacquer.Purge.Api.Cloudflare;
using Lacquer.Zones;
using Xunit.Abstractions;

namespace Lacquer.Purge;

public sealed class PurgeRaceStressTests(ITestOutputHelper output)
{
    private const int Pages = 20;
    private const int Clients = 16;
    private const int MaxPurges = 300;
    private const string TokenSecret = "stress-purge-token";
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(30);

    private static readonly string[] Kinds =
    [
        "files", "tags", "prefixes", "purge_everything", "hosts", "PURGE url", "PURGE group tag", "cloudflare api files",
    ];

    /// <param name="eagerRemovalLimit">
    /// The store's default, under which these small purges remove their matches at once; or 0, which sends
    /// every hard purge through hiding and the background reclaim (what purges of over 1,024 entries do).
    /// </param>
    [Theory]
    [InlineData(CacheStore.DefaultEagerRemovalLimit)]
    [InlineData(0)]
    public async Task No_Response_Started_After_A_Purge_Answered_Carries_The_Purged_Version(int eagerRemovalLimit)
    {
        await using var c = await Conversation.StartAsync(settings => settings with
        {
            Tokens = [new TokenSettings("stress", SHA256.HashData(Encoding.UTF8.GetBytes(TokenSecret)), [TokenSettings.AllZones], [TokenSettings.PurgePermission])],
            Purge = new PurgeSettings(PurgeSettings.DefaultMaxItemsPerRequest, RatePerSecond: 100_000, Burst: 100_000),
        });
        var site = new VersionedSite(Pages);
        for (var page = 0; page < Pages; page++)
        {
            c.Origin.OnGet(VersionedSite.Path(page)).Always().Handle(site.ServeAsync);
        }

        c.Server.Proxy.Store.EagerRemovalLimit = eagerRemovalLimit;
        var zone = c.Server.Proxy.Zones.Zones[0];
        var violations = new ConcurrentQueue<string>();
        var errors = new ConcurrentQueue<string>();
        var seed = Seed();
        output.WriteLine($"seed {seed} (replay with LACQUER_STRESS_SEED={seed})");
        var elapsed = Stopwatch.StartNew();
        using var done = new CancellationTokenSource();

        var clients = Enumerable.Range(0, Clients)
            .Select(i => new Random(HashCode.Combine(seed, i)))
            .Select(random => Task.Run(() => ClientAsync(c.Client, site, random, violations, errors, done.Token)))
            .ToArray();
        int purges;
        try
        {
            purges = await PurgerAsync(c, zone, site, new Random(seed));
        }
        finally
        {
            site.Stop();
            await done.CancelAsync();
        }

        await Task.WhenAll(clients).WaitAsync(SafetyNet);

        // Quiet now: every page serves exactly its current version.
        for (var page = 0; page < Pages; page++)
        {
            var exchange = await c.Client.Get(VersionedSite.Path(page));
            var version = VersionedSite.VersionIn(exchange.Text, page);
            if (exchange.Status != 200 || version != site.Version(page))
            {
                violations.Enqueue(string.Create(CultureInfo.InvariantCulture,
                    $"{VersionedSite.Path(page)} after the run: v{site.Version(page)} published, got {exchange.Status} '{exchange.Text}' ({exchange.CacheStatus})"));
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{purges} purges in {elapsed.Elapsed.TotalSeconds:F1} s; {site.Responses} client responses; {site.OriginRequests} origin requests, {site.HeldRequests} held; " +
            $"{site.Straddling} straddled a purge; racy: {site.RacyFills} fills, {site.RacyRevalidations} revalidations; stalls: {site.Stalls}; violations: {violations.Count}"));
        Assert.True(errors.IsEmpty, $"seed {seed}: {errors.Count} failed exchanges, e.g.: {string.Join(" | ", errors.Take(10))}");
        Assert.True(violations.IsEmpty, $"seed {seed}: {violations.Count} responses carried purged content, e.g.: {string.Join(" | ", violations.Take(10))}");
        Assert.Equal(MaxPurges, purges);
        Assert.True(site.RacyFills + site.RacyRevalidations >= 10,
            $"seed {seed}: the race was not exercised: {site.RacyFills} fills and {site.RacyRevalidations} revalidations of superseded content ended after a purge.");
        c.Origin.ExpectAllConsumed();
    }

    private static async Task ClientAsync(
        ProxyClient client,
        VersionedSite site,
        Random random,
        ConcurrentQueue<string> violations,
        ConcurrentQueue<string> errors,
        CancellationToken done)
    {
        for (var i = 0; i < 1_000_000 && !done.IsCancellationRequested; i++)
        {
            var page = random.Next(Pages);
            var required = site.RequiredVersion(page);
            var answered = site.PurgesAnswered;
            string[] headers = random.Next(5) == 0 ? ["Cache-Control: no-cache"] : [];
            var exchange = await client.Get(VersionedSite.Path(page), headers);
            site.ResponseSeen();

            var version = VersionedSite.VersionIn(exchange.Text, page);
            if (exchange.Status != 200 || version < 1)
            {
                errors.Enqueue($"{VersionedSite.Path(page)}: {exchange.Status} '{exchange.Text}' ({exchange.CacheStatus})");
            }
            else if (version < required)
            {
                violations.Enqueue(string.Create(CultureInfo.InvariantCulture,
                    $"{VersionedSite.Path(page)} started after purge #{answered} required v{required}, got v{version} ({exchange.CacheStatus})"));
            }
        }
    }

    /// <returns>How many purges answered.</returns>
    private async Task<int> PurgerAsync(Conversation c, Zone zone, VersionedSite site, Random random)
    {
        var purges = 0;
        for (; purges < MaxPurges; purges++)
        {
            await site.WaitForTrafficAsync(responses: 8, bound: TimeSpan.FromSeconds(5));
            var page = site.HeldPage(random) ?? random.Next(Pages);
            var kind = Kinds[purges % Kinds.Length];
            var soft = purges / Kinds.Length % 2 == 1;

            var version = site.Publish(page);
            await PurgeAsync(c, zone, kind, page, soft);
            site.Answered(page, version);
            site.ReleaseHeld();
        }

        output.WriteLine($"purger stopped after {purges} purges");
        return purges;
    }

    /// <summary>The run's seed: LACQUER_STRESS_SEED when set (to replay a failure), else a fresh one.</summary>
    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("LACQUER_STRESS_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Random.Shared.Next();

    /// <summary>Purges <paramref name="page"/> one way or another; returns once the purge has answered success.</summary>
    private static async Task PurgeAsync(Conversation c, Zone zone, string kind, int page, bool soft)
    {
        var url = "http://" + TestSettings.Host + VersionedSite.Path(page);
        var softJson = soft ? "true" : "false";
        switch (kind)
        {
            case "files":
                Command(c, zone, $$"""{"files":["{{url}}"],"soft":{{softJson}}}""");
                break;
            case "tags":
                Command(c, zone, $$"""{"tags":["{{VersionedSite.Tag(page).ToUpperInvariant()}}"],"soft":{{softJson}}}""");
                break;
            case "prefixes":
                Command(c, zone, $$"""{"prefixes":["{{TestSettings.Host}}{{VersionedSite.Path(page)}}"],"soft":{{softJson}}}""");
                break;
            case "purge_everything":
                Command(c, zone, $$"""{"purge_everything":true,"soft":{{softJson}}}""");
                break;
            case "hosts":
                Command(c, zone, $$"""{"hosts":["{{TestSettings.Host}}"],"soft":{{softJson}}}""");
                break;
            case "PURGE url":
                (await c.Client.Send("PURGE", VersionedSite.Path(page), null, soft ? ["Fastly-Soft-Purge: 1"] : [])).ExpectStatus(200);
                break;
            case "PURGE group tag":
                (await c.Client.Send("PURGE", "/", null, soft ? ["Fastly-Soft-Purge: 1", $"Surrogate-Key: {VersionedSite.GroupTag(page)}"] : [$"Surrogate-Key: {VersionedSite.GroupTag(page)}"]))
                    .ExpectStatus(200);
                break;
            default:
                using (var body = new StringContent($$"""{"files":["{{url}}"],"soft":{{softJson}}}""", Encoding.UTF8, "application/json"))
                {
                    var exchange = await c.Admin.Send("POST", $"/client/v4/zones/{zone.Id}/purge_cache", body, $"Authorization: Bearer {TokenSecret}");
                    exchange.ExpectStatus(200);
                    Assert.Contains("\"success\":true", exchange.Text, StringComparison.Ordinal);
                }

                break;
        }
    }

    /// <summary>A Cloudflare purge_cache body, validated as the API does and run by the PurgeService.</summary>
    private static void Command(Conversation c, Zone zone, string json)
    {
        var (command, error) = CloudflarePurgeBody.Parse(Encoding.UTF8.GetBytes(json), zone, PurgeSettings.DefaultMaxItemsPerRequest);
        Assert.True(error is null, $"{json} was refused: {error}");
        c.Server.Purges.Purge(command!, "stress", CloudflarePurgeEndpoint.Surface);
    }
}
