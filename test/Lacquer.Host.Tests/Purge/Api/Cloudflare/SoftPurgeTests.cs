// The "soft": true extension (docs/compat.md, "Cloudflare purge_cache"): matched entries are marked stale instead of removed, so the next
// request goes to the origin (fwd=stale) and stores the new response; untouched entries stay hits.
using Lacquer.Harness;

namespace Lacquer.Purge.Api.Cloudflare;

public sealed class SoftPurgeTests
{
    private static readonly string[] Www = [$"Host: {PurgeTestSettings.WwwHost}"];
    private static readonly string[] Other = [$"Host: {PurgeTestSettings.OtherHost}"];

    [Theory]
    [InlineData("""{"files":["http://test.example/a"],"soft":true}""", false, false)]
    [InlineData("""{"soft":true,"files":[{"url":"http://test.example/a"}]}""", false, false)]
    [InlineData("""{"tags":["RED"],"soft":true}""", false, false)]
    [InlineData("""{"hosts":["test.example"],"soft":true}""", true, false)]
    [InlineData("""{"prefixes":["test.example/a"],"soft":true}""", false, false)]
    [InlineData("""{"tags":["red"],"hosts":["www.test.example"],"prefixes":["test.example/a"],"soft":true}""", false, true)]
    [InlineData("""{"purge_everything":true,"soft":true}""", true, true)]
    public async Task Soft_Purge_Marks_Matched_Entries_Stale_And_Leaves_The_Rest(string json, bool abMatches, bool wwwMatches)
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1", reply: ["Cache-Tag: red"]);
        await c.Store("/ab", "ab1", reply: ["Cache-Tag: blue"]);
        await c.Store("/w", "w1", send: Www, reply: ["Cache-Tag: blue"]);
        await c.Store("/o", "o1", send: Other, reply: ["Cache-Tag: red"]);

        (await c.Admin.CloudflarePurge(json)).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/a", "a2", fwd: "stale");
        await c.ExpectHit("/a", "a2");
        if (abMatches)
        {
            await c.ExpectRefetched("/ab", "ab2", fwd: "stale");
        }
        else
        {
            await c.ExpectHit("/ab", "ab1");
        }

        if (wwwMatches)
        {
            await c.ExpectRefetched("/w", "w2", send: Www, fwd: "stale");
        }
        else
        {
            await c.ExpectHit("/w", "w1", send: Www);
        }

        await c.ExpectHit("/o", "o1", send: Other);
        Assert.True(Assert.Single(c.Server.Purges.Audit.Snapshot()).Soft);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Soft_False_Is_A_Hard_Purge()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/a", "a1", reply: ["Cache-Tag: red"]);

        (await c.Admin.CloudflarePurge("""{"tags":["red"],"soft":false}""")).ExpectCloudflareSuccess();

        await c.ExpectRefetched("/a", "a2");
        c.Origin.ExpectAllConsumed();
    }
}
