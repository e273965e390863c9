// `lacquer purge` against a real node (the harness's listeners): the CLI sends the Cloudflare-compatible purge,
// prints the purge id and matched count, finds a zone by name, refuses what it cannot send, and reports the
// server's error message with a non-zero exit code, never the token.
using Lacquer.Configuration;
using Lacquer.Harness;

namespace Lacquer.Cli;

public sealed class PurgeCliTests
{
    private const string OpsSecret = "s3cr3t-ops-purge-and-read";

    [Fact]
    public async Task Purge_By_Tag_Through_The_Cli_Removes_The_Entry()
    {
        await using var c = await Conversation.StartAsync(Configure());
        await c.Store("/a", "a1", reply: ["Cache-Tag: red"]);
        await c.Store("/b", "b1", reply: ["Cache-Tag: blue"]);
        await c.ExpectHit("/a", "a1");

        var run = await CliRun.PurgeAsync(c, OpsSecret, "--tag", "red", "--zone", "test");

        Assert.Equal(0, run.ExitCode);
        var record = Assert.Single(c.Server.Purges.Audit.Snapshot());
        Assert.Equal(["tag:red"], record.Selectors);
        Assert.Contains($"purge id: {record.Id}", run.Out, StringComparison.Ordinal);
        Assert.Contains($"zone: test ({TestSettings.ZoneId})", run.Out, StringComparison.Ordinal);
        Assert.Contains("matched: 1", run.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
        await c.ExpectRefetched("/a", "a2");
        await c.ExpectHit("/b", "b1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Environment_Gives_Admin_And_Token_And_A_Zone_Id_Is_Used_As_Is()
    {
        await using var c = await Conversation.StartAsync(Configure());
        await c.Store("/o", "o1", send: [$"Host: {PurgeTestSettings.OtherHost}"], reply: ["Cache-Tag: red"]);
        await c.Store("/a", "a1", reply: ["Cache-Tag: red"]);
        var environment = new Dictionary<string, string>
        {
            [CliEnvironment.AdminVariable] = c.Server.AdminUri.ToString(),
            [CliEnvironment.TokenVariable] = PurgeTestSettings.Secret,
        };

        var run = await CliRun.RunAsync(environment, "purge", "--everything", "--soft", "--zone", PurgeTestSettings.OtherZoneId);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("mode: soft", run.Out, StringComparison.Ordinal);

        // deploy-bot may purge but not read the purge log: the count is unknown, and the output says why.
        Assert.Contains("matched: not known", run.Out, StringComparison.Ordinal);
        Assert.True(Assert.Single(c.Server.Purges.Audit.Snapshot()).Soft);
        await c.ExpectRefetched("/o", "o2", send: [$"Host: {PurgeTestSettings.OtherHost}"], fwd: "stale");
        await c.ExpectHit("/a", "a1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Wrong_Token_Exits_1_With_The_Api_Message_And_Never_Echoes_The_Token()
    {
        const string wrong = "not-the-right-token-value";
        await using var c = await Conversation.StartAsync(Configure());
        await c.Store("/a", "a1", reply: ["Cache-Tag: red"]);

        var run = await CliRun.PurgeAsync(c, wrong, "--tag", "red", "--zone", TestSettings.ZoneId);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("HTTP 403: Authentication error (code 10000)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, run.Out + run.Error, StringComparison.Ordinal);
        Assert.Empty(c.Server.Purges.Audit.Snapshot());
        await c.ExpectHit("/a", "a1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Bad_Item_Is_Refused_By_The_Server_And_Nothing_Is_Purged()
    {
        await using var c = await Conversation.StartAsync(Configure());
        await c.Store("/a", "a1");

        var run = await CliRun.PurgeAsync(c, OpsSecret, "--url", "https://elsewhere.example/a", "--zone", "test");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Unable to purge elsewhere.example. You can only purge files for this zone. (code 1082)", run.Error, StringComparison.Ordinal);
        Assert.Empty(c.Server.Purges.Audit.Snapshot());
        await c.ExpectHit("/a", "a1");
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("this node has 2 zones (test, other); choose one with --zone NAME or --zone ID.", new string[] { "--tag", "red" })]
    [InlineData("no zone named 'nope' (its zones: test, other)", new[] { "--tag", "red", "--zone", "nope" })]
    [InlineData("say what to purge", new[] { "--zone", "test" })]
    [InlineData("--everything and --url each stand alone", new[] { "--everything", "--tag", "red", "--zone", "test" })]
    [InlineData("Argument 'forever' not recognized", new[] { "--tag", "red", "--zone", "test", "--wait", "forever" })]
    [InlineData("Unrecognized command or argument '--tags'", new[] { "--tags", "red", "--zone", "test" })]
    [InlineData("only serve takes those", new[] { "--tag", "red", "--zone", "test", "--cache:maxBytes=1GB" })]
    public async Task Usage_Errors_Exit_2_And_Purge_Nothing(string message, string[] args)
    {
        await using var c = await Conversation.StartAsync(Configure());

        var run = await CliRun.PurgeAsync(c, OpsSecret, args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Empty(c.Server.Purges.Audit.Snapshot());
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Unreachable_Admin_Listener_Exits_1_And_Says_Where_It_Looked()
    {
        var admin = $"http://127.0.0.1:{LoopbackPort.Unused()}/";

        var run = await CliRun.RunAsync("purge", "--tag", "red", "--zone", TestSettings.ZoneId, "--admin", admin, "--token", OpsSecret);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"cannot reach the admin listener at {admin}", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(OpsSecret, run.Error, StringComparison.Ordinal);
    }

    private static Func<LacquerSettings, LacquerSettings> Configure() => PurgeTestSettings.Configure(tokens:
        PurgeTestSettings.Token("ops", OpsSecret, [TokenSettings.AllZones], TokenSettings.PurgePermission, TokenSettings.ReadPermission));
}
