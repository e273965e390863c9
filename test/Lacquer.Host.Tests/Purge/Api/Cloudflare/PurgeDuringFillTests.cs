// Invariant 1 through the Cloudflare API (docs/invariants.md): once a purge has answered, no later request gets the
// purged content, including a response whose origin fetch started before the purge and ends after it. The
// origin holds its answer until the purge has answered; the client that was waiting gets that answer, but it
// is not stored as fresh (a hard purge keeps it out, a soft one stores it stale).
using Lacquer.Harness;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Purge.Api.Cloudflare;

public sealed class PurgeDuringFillTests
{
    [Theory]
    [InlineData("""{"files":["http://test.example/a"]}""", "miss")]
    [InlineData("""{"tags":["RED"]}""", "miss")]
    [InlineData("""{"hosts":["test.example"]}""", "miss")]
    [InlineData("""{"prefixes":["test.example/a"]}""", "miss")]
    [InlineData("""{"purge_everything":true}""", "miss")]
    [InlineData("""{"tags":["red"],"soft":true}""", "stale")]
    [InlineData("""{"purge_everything":true,"soft":true}""", "stale")]
    public async Task Response_Fetched_Across_A_Purge_Is_Not_Served_Fresh_Afterwards(string json, string fwdAfterwards)
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        var originStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var purgeAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        c.Origin.OnGet("/a").Handle(async context =>
        {
            originStarted.SetResult();
            await purgeAnswered.Task.WaitAsync(TimeSpan.FromSeconds(30));
            context.Response.Headers.CacheControl = "max-age=3600";
            context.Response.Headers["Cache-Tag"] = "red";
            await context.Response.WriteAsync("old");
        });
        await c.Store("/b", "b1", send: [$"Host: {PurgeTestSettings.OtherHost}"]);

        var inFlight = c.Client.Get("/a");
        await originStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        (await c.Admin.CloudflarePurge(json)).ExpectCloudflareSuccess();
        purgeAnswered.SetResult();

        (await inFlight).ExpectStatus(200).ExpectBody("old");
        await c.ExpectRefetched("/a", "new", reply: ["Cache-Tag: red"], fwd: fwdAfterwards);
        await c.ExpectHit("/a", "new");
        await c.ExpectHit("/b", "b1", send: [$"Host: {PurgeTestSettings.OtherHost}"]);
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("""{"files":["http://test.example/a"]}""")]
    [InlineData("""{"tags":["red"]}""")]
    [InlineData("""{"hosts":["www.test.example"]}""")]
    [InlineData("""{"prefixes":["test.example/a"]}""")]
    [InlineData("""{"prefixes":["test.example/ab/"]}""")]
    [InlineData("""{"purge_everything":true}""", PurgeTestSettings.OtherZoneId)]
    public async Task Response_Fetched_Across_A_Purge_That_Does_Not_Match_It_Is_Stored(string json, string zoneId = TestSettings.ZoneId)
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        var originStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var purgeAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        c.Origin.OnGet("/ab").Handle(async context =>
        {
            originStarted.SetResult();
            await purgeAnswered.Task.WaitAsync(TimeSpan.FromSeconds(30));
            context.Response.Headers.CacheControl = "max-age=3600";
            context.Response.Headers["Cache-Tag"] = "blue";
            await context.Response.WriteAsync("old");
        });

        var inFlight = c.Client.Get("/ab");
        await originStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        (await c.Admin.CloudflarePurge(json, zoneId: zoneId)).ExpectCloudflareSuccess();
        purgeAnswered.SetResult();

        (await inFlight).ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody("old");
        await c.ExpectHit("/ab", "old");
        c.Origin.ExpectAllConsumed();
    }
}
