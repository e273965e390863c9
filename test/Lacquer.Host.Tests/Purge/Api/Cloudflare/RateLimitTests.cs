// The per-token rate limit (docs/compat.md, "Cloudflare purge_cache": a token bucket per token, default 50/s with a burst of 500): once a
// token's burst is used up it gets 429 code 971 with Retry-After and nothing is purged; the manual clock
// refills the bucket.
using Lacquer.Configuration;
using Lacquer.Harness;

namespace Lacquer.Purge.Api.Cloudflare;

public sealed class RateLimitTests
{
    private const string SecondSecret = "s3cr3t-second-token";
    private static readonly string RateLimited =
        CloudflareApi.ErrorBody(971, "Please wait and consider throttling your request speed");

    [Fact]
    public async Task Token_Over_Its_Burst_Gets_429_With_Retry_After_Until_The_Bucket_Refills()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure(purge: PurgeSettings.Default with { RatePerSecond = 1, Burst = 2 }));
        await c.Store("/a", "a1");
        await c.Store("/b", "b1");
        await c.Store("/c", "c1");

        (await c.Admin.CloudflarePurge("""{"files":["http://test.example/a"]}""")).ExpectCloudflareSuccess();
        (await c.Admin.CloudflarePurge("""{"files":["http://test.example/b"]}""")).ExpectCloudflareSuccess();
        (await c.Admin.CloudflarePurge("""{"files":["http://test.example/c"]}"""))
            .ExpectStatus(429).ExpectJson(RateLimited).ExpectHeader("Retry-After", "1");
        await c.ExpectHit("/c", "c1");

        c.Clock.Advance(TimeSpan.FromMilliseconds(500));
        (await c.Admin.CloudflarePurge("""{"files":["http://test.example/c"]}"""))
            .ExpectStatus(429).ExpectJson(RateLimited).ExpectHeader("Retry-After", "1");
        await c.ExpectHit("/c", "c1");

        c.Clock.Advance(TimeSpan.FromMilliseconds(500));
        (await c.Admin.CloudflarePurge("""{"files":["http://test.example/c"]}""")).ExpectCloudflareSuccess();
        await c.ExpectRefetched("/c", "c2");
        await c.ExpectRefetched("/a", "a2");
        await c.ExpectRefetched("/b", "b2");
        Assert.Equal(3, c.Server.Purges.Audit.Snapshot().Length);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Retry_After_Says_How_Many_Seconds_Until_A_Purge_Is_Allowed()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure(purge: PurgeSettings.Default with { RatePerSecond = 1, Burst = 1 }));

        (await c.Admin.CloudflarePurge("""{"tags":["a"]}""")).ExpectCloudflareSuccess();
        (await c.Admin.CloudflarePurge("""{"tags":["a"]}""")).ExpectStatus(429).ExpectHeader("Retry-After", "1");

        c.Clock.Advance(TimeSpan.FromSeconds(1));
        (await c.Admin.CloudflarePurge("""{"tags":["a"]}""")).ExpectCloudflareSuccess();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Each_Token_Has_Its_Own_Bucket()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure(
            purge: PurgeSettings.Default with { RatePerSecond = 1, Burst = 1 },
            tokens: PurgeTestSettings.Token("second", SecondSecret, [TokenSettings.AllZones], TokenSettings.PurgePermission)));
        await c.Store("/a", "a1");

        (await c.Admin.CloudflarePurge("""{"tags":["x"]}""")).ExpectCloudflareSuccess();
        (await c.Admin.CloudflarePurge("""{"files":["http://test.example/a"]}""")).ExpectStatus(429).ExpectJson(RateLimited);
        await c.ExpectHit("/a", "a1");

        (await c.Admin.CloudflarePurge("""{"files":["http://test.example/a"]}""", SecondSecret)).ExpectCloudflareSuccess();
        await c.ExpectRefetched("/a", "a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Rejected_Credentials_Do_Not_Use_Up_A_Tokens_Burst()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure(purge: PurgeSettings.Default with { RatePerSecond = 1, Burst = 1 }));

        (await c.Admin.CloudflarePurge("""{"tags":["x"]}""", "not-the-secret")).ExpectStatus(403);
        (await c.Admin.CloudflarePurge("""{"tags":["x"]}""", "not-the-secret")).ExpectStatus(403);
        (await c.Admin.CloudflarePurge("""{"tags":["x"]}""")).ExpectCloudflareSuccess();
        c.Origin.ExpectAllConsumed();
    }
}
