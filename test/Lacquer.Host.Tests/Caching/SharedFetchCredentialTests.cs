// A fetch whose answer is stored for everyone must not be made with one client's credentials. A background
// revalidation (stale-while-revalidate, also after a soft purge) is the cache's own request: it carries the
// stored variant's selecting fields, never the Authorization or Cookie of the client whose stale hit started
// it, unless the key or the variant's Vary names that field; and its answer is judged by what was sent.
// Coalesced waiters never receive the leader's response itself: they look the store up again, so they get
// only what the leader's own request made storable (RFC 9111 §3.5), and fetch for themselves otherwise.
// The origin answers by the credentials it sees, as a personalising origin that forgot Vary would.
using Lacquer.Harness;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Caching;

public sealed class SharedFetchCredentialTests
{
    private const string Key = "http://" + TestSettings.Host + "/p";

    [Theory]
    [InlineData("Authorization: Bearer alice")]
    [InlineData("Cookie: session=alice")]
    public async Task Background_Revalidation_Does_Not_Carry_The_Triggering_Clients_Credentials(string credential)
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/p").Reply(200, "anonymous-1", "Cache-Control: max-age=1, stale-while-revalidate=60");
        c.Origin.OnGet("/p").Handle(PersonalisingReply("anonymous-2"));

        (await c.Client.Get("/p")).ExpectMiss().ExpectStored().ExpectBody("anonymous-1");
        c.Clock.Advance(TimeSpan.FromSeconds(2));
        (await c.Client.Get("/p", credential)).ExpectHeader("Cache-Status", "Lacquer; hit; detail=stale-while-revalidate").ExpectBody("anonymous-1");
        await c.Server.Proxy.WhenBackgroundIdleAsync();

        (await c.Client.Get("/p")).ExpectHit().ExpectBody("anonymous-2");
        var revalidation = c.Origin.Received.Last();
        Assert.False(revalidation.Headers.ContainsKey("Authorization"), "The background revalidation carried the client's Authorization.");
        Assert.False(revalidation.Headers.ContainsKey("Cookie"), "The background revalidation carried the client's Cookie.");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Background_Revalidation_After_A_Soft_Purge_Does_Not_Carry_The_Clients_Authorization()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        c.Origin.OnGet("/p").Reply(200, "anonymous-1", "Cache-Control: max-age=60, stale-while-revalidate=60");
        c.Origin.OnGet("/p").Handle(PersonalisingReply("anonymous-2"));

        (await c.Client.Get("/p")).ExpectMiss().ExpectStored();
        (await c.Client.Send("PURGE", "/p", null, "Fastly-Soft-Purge: 1")).ExpectStatus(200);
        (await c.Client.Get("/p", "Authorization: Bearer alice")).ExpectHeader("Cache-Status", "Lacquer; hit; detail=stale-while-revalidate");
        await c.Server.Proxy.WhenBackgroundIdleAsync();

        (await c.Client.Get("/p")).ExpectHit().ExpectBody("anonymous-2");
        Assert.False(c.Origin.Received.Last().Headers.ContainsKey("Authorization"));
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Foreground_Revalidation_With_Credentials_After_A_Soft_Purge_Is_Not_Stored_For_Others()
    {
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        c.Origin.OnGet("/p").Reply(200, "anonymous-1", "Cache-Control: max-age=60");
        c.Origin.OnGet("/p").Times(2).Handle(PersonalisingReply("anonymous-2"));

        (await c.Client.Get("/p")).ExpectMiss().ExpectStored();
        (await c.Client.Send("PURGE", "/p", null, "Fastly-Soft-Purge: 1")).ExpectStatus(200);
        (await c.Client.Get("/p", "Authorization: Bearer alice")).ExpectMiss("stale").ExpectNotStored("authorization").ExpectBody("private to alice");

        (await c.Client.Get("/p")).ExpectMiss("stale").ExpectStored().ExpectBody("anonymous-2");
        (await c.Client.Get("/p")).ExpectHit().ExpectBody("anonymous-2");
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("Cookie", "theme=blue", false)]
    [InlineData("Authorization", "Bearer alice", true)]
    public async Task Background_Revalidation_Keeps_A_Credential_That_Selects_The_Entry(string field, string value, bool zoneKeysOnIt)
    {
        // Selected by the zone's key, or else by the response's Vary.
        await using var c = await Conversation.StartAsync(s => zoneKeysOnIt ? s with { Zones = [s.Zones[0] with { CacheKeyHeaders = [field] }] } : s);
        var vary = zoneKeysOnIt ? null : field;
        c.Origin.OnGet("/p").Handle(ReplyBy(field, value, "selected-1", "public, max-age=1, stale-while-revalidate=60", vary));
        c.Origin.OnGet("/p").Handle(ReplyBy(field, value, "selected-2", "public, max-age=60", vary));
        var credential = $"{field}: {value}";

        (await c.Client.Get("/p", credential)).ExpectMiss().ExpectStored().ExpectBody("selected-1");
        c.Clock.Advance(TimeSpan.FromSeconds(2));
        (await c.Client.Get("/p", credential)).ExpectHeader("Cache-Status", "Lacquer; hit; detail=stale-while-revalidate");
        await c.Server.Proxy.WhenBackgroundIdleAsync();

        (await c.Client.Get("/p", credential)).ExpectHit().ExpectBody("selected-2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Coalesced_Anonymous_Waiter_Is_Not_Handed_The_Response_Fetched_With_The_Leaders_Credentials()
    {
        await using var c = await Conversation.StartAsync();
        var (leaderArrived, release) = HoldFirst(c, PersonalisingReply("anonymous"));
        c.Origin.OnGet("/p").Handle(PersonalisingReply("anonymous"));

        var alice = c.Client.Get("/p", "Authorization: Bearer alice");
        await leaderArrived.Task.WaitAsync(Progress.SafetyNet);
        var anonymous = c.Client.Get("/p");
        await Progress.Until(() => c.Server.Proxy.Coalescer.WaitersFor(Key) == 1, "the anonymous request waits on Alice's fill");
        release.SetResult();

        (await alice).ExpectNotStored("authorization").ExpectBody("private to alice");
        (await anonymous).ExpectMiss().ExpectStored().ExpectBody("anonymous");
        Assert.False(c.Origin.Received.Last().Headers.ContainsKey("Authorization"));
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Coalesced_Waiter_With_Credentials_Is_Not_Handed_A_Private_Response_Of_The_Anonymous_Leader()
    {
        await using var c = await Conversation.StartAsync();
        var privateView = ReplyBy("Authorization", "Bearer alice", "alice's view", "private, max-age=60", vary: null, otherwise: "anonymous view");
        var (leaderArrived, release) = HoldFirst(c, privateView);
        c.Origin.OnGet("/p").Handle(privateView);

        var anonymous = c.Client.Get("/p");
        await leaderArrived.Task.WaitAsync(Progress.SafetyNet);
        var alice = c.Client.Get("/p", "Authorization: Bearer alice");
        await Progress.Until(() => c.Server.Proxy.Coalescer.WaitersFor(Key) == 1, "Alice's request waits on the anonymous fill");
        release.SetResult();

        (await anonymous).ExpectNotStored("response-private").ExpectBody("anonymous view");
        (await alice).ExpectNotStored("response-private").ExpectBody("alice's view");
        Assert.Equal("Bearer alice", c.Origin.Received.Last().Headers["Authorization"]);
        c.Origin.ExpectAllConsumed();
    }

    /// <summary>An origin that personalises for a client with credentials and says only max-age (no Vary, no private).</summary>
    private static Func<HttpContext, Task> PersonalisingReply(string anonymousBody) => async context =>
    {
        context.Response.Headers.CacheControl = "max-age=60";
        var headers = context.Request.Headers;
        var alice = headers.Authorization.ToString() == "Bearer alice" || headers.Cookie.ToString() == "session=alice";
        await context.Response.WriteAsync(alice ? "private to alice" : anonymousBody);
    };

    /// <summary>An origin that answers <paramref name="selected"/> to a request with the field's value, <paramref name="otherwise"/> to any other.</summary>
    private static Func<HttpContext, Task> ReplyBy(string field, string value, string selected, string cacheControl, string? vary, string otherwise = "not selected") => async context =>
    {
        context.Response.Headers.CacheControl = cacheControl;
        if (vary is not null)
        {
            context.Response.Headers.Vary = vary;
        }

        await context.Response.WriteAsync(context.Request.Headers[field].ToString() == value ? selected : otherwise);
    };

    /// <summary>Scripts the first request for /p to be held at the origin until Release is set, then answered by <paramref name="reply"/>.</summary>
    private static (TaskCompletionSource Arrived, TaskCompletionSource Release) HoldFirst(Conversation c, Func<HttpContext, Task> reply)
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        c.Origin.OnGet("/p").Handle(async context =>
        {
            arrived.TrySetResult();
            await release.Task.WaitAsync(Progress.SafetyNet);
            await reply(context);
        });
        return (arrived, release);
    }
}
