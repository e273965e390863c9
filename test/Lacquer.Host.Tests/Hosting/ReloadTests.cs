// Reloading the configuration of a running server (docs/configuration.md "Reload"), through the real listeners:
// a valid configuration is applied and the cache of every zone whose id is unchanged is kept; an invalid one is
// refused, each error logged, and the running configuration keeps serving; a request in flight finishes on the
// snapshot it started with; a removed zone answers as unknown and its entries are gone; a removed token no
// longer purges. /api/stats reports the generation and the last attempt. Reloads are triggered by the same
// method SIGHUP and the file watcher call (LacquerServer.Reload).
using System.Text.Json;
using Lacquer.Configuration;
using Lacquer.Harness;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Lacquer.Hosting;

public sealed class ReloadTests
{
    private const string NewSecret = "s3cr3t-new-release-bot";
    private const string ThirdHost = "third.example";
    private const string ThirdZoneId = "00000000000000000000000000000003";
    private static readonly string[] Other = [$"Host: {PurgeTestSettings.OtherHost}"];
    private static readonly string[] Third = [$"Host: {ThirdHost}"];

    [Fact]
    public async Task A_Valid_Reload_Applies_New_Zones_Tokens_And_Policy_And_Keeps_The_Cache_Of_Unchanged_Zones()
    {
        LacquerSettings started = null!;
        await using var c = await Conversation.StartAsync(settings => started = PurgeTestSettings.Configure()(settings));
        await c.Store("/a", "a1", reply: ["Cache-Tag: red"]);
        await c.Store("/b", "b1", send: Other);
        await c.ExpectHit("/a", "a1");
        await ExpectConfiguration(c, generation: 1, lastResult: null);

        var status = c.Server.Reload(Valid(started with
        {
            Zones =
            [
                started.Zones[0] with { DefaultTtl = TimeSpan.FromMinutes(5) },
                started.Zones[1],
                TestSettings.Zone(started.Zones[0].Origin, name: "third", host: ThirdHost, id: ThirdZoneId),
            ],
            Tokens = [.. started.Tokens, PurgeTestSettings.Token("release-bot", NewSecret, ["third"], TokenSettings.PurgePermission)],
        }));

        Assert.Equal((2L, true), (status.Generation, status.LastReloadApplied));
        await ExpectConfiguration(c, generation: 2, lastResult: "applied");

        // Both zones' entries are still served from memory.
        await c.ExpectHit("/a", "a1");
        await c.ExpectHit("/b", "b1", send: Other);

        // The changed defaultTtl applies: a response without freshness information is now stored for five minutes.
        c.Origin.OnGet("/ttl").Reply(200, "t1");
        (await c.Client.Get("/ttl")).ExpectStatus(200).ExpectMiss().ExpectStored();
        await c.ExpectHit("/ttl", "t1");

        // The new zone serves, and the new token purges it (and only it).
        await c.Store("/c", "c1", send: Third);
        (await c.Admin.CloudflarePurge("""{"purge_everything":true}""", token: NewSecret, zoneId: ThirdZoneId)).ExpectCloudflareSuccess();
        await c.ExpectRefetched("/c", "c2", send: Third);

        // The zone kept its store state: a purge through the reloaded zone finds the entry stored before the
        // reload, and the counters carry on.
        (await c.Admin.CloudflarePurge("""{"tags":["red"]}""")).ExpectCloudflareSuccess();
        await c.ExpectRefetched("/a", "a2", reply: ["Cache-Tag: red"]);
        Assert.Equal(3, (await Stats.Read(c.Admin)).Hits);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task An_Invalid_Reload_Is_Refused_With_Every_Error_Logged_And_The_Old_Configuration_Keeps_Serving()
    {
        var log = new CapturedLog();
        LacquerSettings started = null!;
        await using var c = await Conversation.StartAsync(settings => started = PurgeTestSettings.Configure()(settings), log.Add);
        await c.Store("/a", "a1");

        // The start-up reader, given a zone with a bad origin, a bad cache size and a token whose secret must not be echoed.
        var secret = "s3cr3t-must-not-appear";
        var result = SettingsReader.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["cache:maxBytes"] = "lots",
            ["zones:0:name"] = "test",
            ["zones:0:id"] = TestSettings.ZoneId,
            ["zones:0:hosts:0"] = TestSettings.Host,
            ["zones:0:origin"] = "not a url",
            ["tokens:0:name"] = "bot",
            ["tokens:0:secret"] = secret,
            ["tokens:0:zones:0"] = "nowhere",
            ["tokens:0:permissions:0"] = "purge",
        }).Build());
        Assert.False(result.IsValid);

        var status = c.Server.Reload(result);

        Assert.Equal((1L, false), (status.Generation, status.LastReloadApplied));
        await ExpectConfiguration(c, generation: 1, lastResult: "refused");
        var logged = log.Lines.Where(line => line.Category == "Lacquer.Configuration").Select(line => line.Message).ToList();
        foreach (var error in result.Errors)
        {
            Assert.Contains($"Configuration reload: {error.Path}: {error.Message}", logged);
        }

        Assert.Contains(logged, line => line.Contains("zones:0:origin", StringComparison.Ordinal));
        Assert.Contains(logged, line => line.Contains("cache:maxBytes", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, line => line.Contains(secret, StringComparison.Ordinal));

        // A file that cannot be used at all is refused the same way.
        Assert.False(c.Server.Reload(null, "lacquer.json: invalid JSON at line 3, position 1.").LastReloadApplied);
        Assert.Contains("Configuration reload: lacquer.json: invalid JSON at line 3, position 1.", log.Lines.Select(line => line.Message));

        // The running configuration is untouched: same cache, same tokens.
        await c.ExpectHit("/a", "a1");
        (await c.Admin.CloudflarePurge("""{"files":["http://test.example/a"]}""")).ExpectCloudflareSuccess();
        await c.ExpectRefetched("/a", "a2");
        Assert.Equal(1, c.Server.Configuration.Generation);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Request_In_Flight_During_A_Reload_Finishes_On_The_Configuration_It_Started_With()
    {
        LacquerSettings started = null!;
        await using var c = await Conversation.StartAsync(settings => started = PurgeTestSettings.Configure()(settings));
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        c.Origin.OnGet("/slow").Handle(async context =>
        {
            arrived.SetResult();
            await release.Task;
            context.Response.Headers.CacheControl = "max-age=3600";
            await context.Response.WriteAsync("slow1");
        });

        var inFlight = c.Client.Get("/slow");
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The zone the request is in is removed while the origin is still answering it.
        Assert.True(c.Server.Reload(Valid(started with { Zones = [started.Zones[1]] })).LastReloadApplied);
        release.SetResult();

        (await inFlight.WaitAsync(TimeSpan.FromSeconds(30))).ExpectStatus(200).ExpectMiss().ExpectBody("slow1");
        (await c.Client.Get("/slow")).ExpectStatus(421);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Removed_Zone_Answers_As_Unknown_And_Its_Entries_Are_Gone_When_It_Returns()
    {
        LacquerSettings started = null!;
        await using var c = await Conversation.StartAsync(settings => started = PurgeTestSettings.Configure()(settings));
        await c.Store("/b", "b1", send: Other);
        await c.Store("/a", "a1");

        Assert.True(c.Server.Reload(Valid(started with { Zones = [started.Zones[0]] })).LastReloadApplied);
        (await c.Client.Get("/b", Other)).ExpectStatus(421);
        await c.ExpectHit("/a", "a1");

        // The same zone configured again starts empty: nothing of the removed zone is served.
        Assert.True(c.Server.Reload(Valid(started)).LastReloadApplied);
        await c.ExpectRefetched("/b", "b2", send: Other);
        await c.ExpectHit("/a", "a1");
        Assert.Equal(3, c.Server.Configuration.Generation);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Zone_Whose_Cache_Key_Headers_Change_Refetches_While_The_Others_Keep_Their_Cache()
    {
        LacquerSettings started = null!;
        await using var c = await Conversation.StartAsync(settings => started = PurgeTestSettings.Configure()(settings));
        await c.Store("/a", "a1");
        await c.Store("/b", "b1", send: Other);

        Assert.True(c.Server.Reload(Valid(started with
        {
            Zones = [started.Zones[0] with { CacheKeyHeaders = ["X-Tenant"] }, started.Zones[1]],
        })).LastReloadApplied);

        await c.ExpectRefetched("/a", "a2");
        await c.ExpectHit("/b", "b1", send: Other);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Zone_Whose_Origins_Are_Only_Reordered_Keeps_Its_Cache_And_Another_Set_Of_Origins_Purges_It()
    {
        // A second origin that is never asked: the "first" policy sends everything to the first one listed.
        var spare = new Uri("http://127.0.0.1:9");
        LacquerSettings started = null!;
        await using var c = await Conversation.StartAsync(settings =>
        {
            var configured = PurgeTestSettings.Configure()(settings);
            var zone = configured.Zones[0];
            started = configured with { Zones = [zone with { Pool = Pool(zone.Origin, spare) }, configured.Zones[1]] };
            return started;
        });
        await c.Store("/a", "a1");
        var origin = started.Zones[0].Origin;

        // The same origins in another order: the same site, so the cache stays.
        Assert.True(c.Server.Reload(Valid(started with { Zones = [started.Zones[0] with { Pool = Pool(spare, origin) }, started.Zones[1]] })).LastReloadApplied);
        await c.ExpectHit("/a", "a1");

        // Another set of origins (the spare is gone): another site as far as the cache knows, so the zone is purged.
        Assert.True(c.Server.Reload(Valid(started with { Zones = [started.Zones[0] with { Pool = Pool(origin) }, started.Zones[1]] })).LastReloadApplied);
        await c.ExpectRefetched("/a", "a2");
        c.Origin.ExpectAllConsumed();

        static OriginPoolSettings Pool(params Uri[] origins) =>
            new(origins, LoadBalancingPolicy.First, HealthCheckSettings.Default, Http2: false, ValidateCertificates: true);
    }

    [Fact]
    public async Task A_Zone_That_Loses_A_Host_Is_Purged_So_The_Host_Never_Serves_Old_Entries_Again()
    {
        LacquerSettings started = null!;
        await using var c = await Conversation.StartAsync(settings => started = PurgeTestSettings.Configure()(settings));
        string[] www = [$"Host: {PurgeTestSettings.WwwHost}"];
        await c.Store("/w", "w1", send: www);
        await c.Store("/b", "b1", send: Other);

        Assert.True(c.Server.Reload(Valid(started with
        {
            Zones = [started.Zones[0] with { Hosts = [TestSettings.Host] }, started.Zones[1]],
        })).LastReloadApplied);
        (await c.Client.Get("/w", www)).ExpectStatus(421);

        // The host comes back (here to the same zone): what was stored for it before is not served.
        Assert.True(c.Server.Reload(Valid(started)).LastReloadApplied);
        await c.ExpectRefetched("/w", "w2", send: www);
        await c.ExpectHit("/b", "b1", send: Other);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Token_Removed_By_A_Reload_No_Longer_Purges()
    {
        LacquerSettings started = null!;
        await using var c = await Conversation.StartAsync(settings => started = PurgeTestSettings.Configure()(settings));
        await c.Store("/a", "a1");
        (await c.Admin.CloudflarePurge("""{"files":["http://test.example/a"]}""")).ExpectCloudflareSuccess();
        await c.ExpectRefetched("/a", "a2");

        Assert.True(c.Server.Reload(Valid(started with { Tokens = [] })).LastReloadApplied);

        (await c.Admin.CloudflarePurge("""{"files":["http://test.example/a"]}"""))
            .ExpectCloudflareError(403, 10000, "Authentication error");
        await c.ExpectHit("/a", "a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Seed_Surface_Switched_Off_By_A_Reload_Is_Gone()
    {
        LacquerSettings started = null!;
        await using var c = await Conversation.StartAsync(settings => started = settings);
        await c.Store("/a", "a1");

        Assert.True(c.Server.Reload(Valid(started with { Compat = started.Compat with { Crafter = CrafterSettings.Off } })).LastReloadApplied);

        (await c.Admin.Get($"/api/1/cache/clear_all?token={CrafterSettings.DefaultManagementToken}")).ExpectStatus(404);
        await c.ExpectHit("/a", "a1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Changed_Listeners_Certificates_And_Shutdown_Timeout_Are_Logged_As_Needing_A_Restart_And_The_Rest_Applies()
    {
        var log = new CapturedLog();
        LacquerSettings started = null!;
        await using var c = await Conversation.StartAsync(settings => started = settings, log.Add);
        await c.Store("/a", "a1");

        var status = c.Server.Reload(Valid(started with
        {
            Listen = started.Listen with { Proxy = [.. started.Listen.Proxy, new Uri("https://127.0.0.1:0")] },
            Tls = new TlsSettings([new CertificateSettings([], "/etc/lacquer/site.crt.pem", "/etc/lacquer/site.key.pem")]),
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        }));

        Assert.True(status.LastReloadApplied);
        Assert.Equal(
            [
                "Configuration reload: listen:proxy changed; it applies only after a restart",
                "Configuration reload: tls:certificates (certificate files already configured are re-read when they change, without a restart) changed; it applies only after a restart",
                "Configuration reload: shutdownTimeout changed; it applies only after a restart",
            ],
            log.Lines.Where(line => line.Level == Microsoft.Extensions.Logging.LogLevel.Warning && line.Category == "Lacquer.Configuration").Select(line => line.Message));

        // The running listeners are unchanged: the plain one keeps serving its cache.
        Assert.Single(c.Server.ProxyUris);
        await c.ExpectHit("/a", "a1");
        c.Origin.ExpectAllConsumed();
    }

    private static ConfigResult Valid(LacquerSettings settings) => new(settings, []);

    private static async Task ExpectConfiguration(Conversation c, long generation, string? lastResult)
    {
        var exchange = (await c.Admin.Get("/api/stats")).ExpectStatus(200);
        using var json = JsonDocument.Parse(exchange.Body);
        var configuration = json.RootElement.GetProperty("configuration");
        Assert.Equal(generation, configuration.GetProperty("generation").GetInt64());
        var last = configuration.GetProperty("lastReload");
        if (lastResult is null)
        {
            Assert.Equal(JsonValueKind.Null, last.ValueKind);
        }
        else
        {
            Assert.Equal(lastResult, last.GetProperty("result").GetString());
            Assert.Equal(c.Clock.GetUtcNow(), last.GetProperty("at").GetDateTimeOffset());
        }
    }
}
