// Request coalescing (docs/request-path.md step 6), with 100 concurrent clients:
//   - a cold cacheable key makes exactly one origin request, and every waiter gets the stored response;
//   - an uncacheable key never makes anyone wait for another request's body (hit-for-miss);
//   - an origin error of the leader is never shared: the waiters fetch on their own.
// The origin holds the leader until the coalescer shows every other request waiting on its fill.
using Lacquer.Harness;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Caching;

public sealed class CoalescingTests
{
    private const int Clients = 100;
    private const string Key = "http://" + TestSettings.Host + "/hot";

    [Fact]
    public async Task Concurrent_Misses_For_A_Cacheable_Key_Make_One_Origin_Request()
    {
        await using var c = await Conversation.StartAsync();
        var leaderArrived = Signal();
        var release = Signal();
        c.Origin.OnGet("/hot").Handle(async context =>
        {
            leaderArrived.TrySetResult();
            await release.Task.WaitAsync(Progress.SafetyNet);
            context.Response.Headers.CacheControl = "max-age=60";
            await context.Response.WriteAsync("hot-1");
        });

        var requests = Enumerable.Range(0, Clients).Select(_ => c.Client.Get("/hot")).ToArray();
        await leaderArrived.Task.WaitAsync(Progress.SafetyNet);
        await Progress.Until(() => c.Server.Proxy.Coalescer.WaitersFor(Key) == Clients - 1, $"{Clients - 1} requests wait on the fill");
        release.SetResult();
        var responses = await Task.WhenAll(requests).WaitAsync(Progress.SafetyNet);

        Assert.Equal(1, c.Origin.RequestCount);
        Assert.All(responses, response => response.ExpectStatus(200).ExpectBody("hot-1"));
        Assert.Single(responses, response => response.CacheStatus.StartsWith("Lacquer; fwd=miss; stored", StringComparison.Ordinal));
        Assert.Equal(Clients - 1, responses.Count(response => response.CacheStatus == "Lacquer; hit"));
        var stats = await Stats.Read(c.Admin);
        Assert.Equal((1L, (long)Clients - 1, 1L), (stats.Misses, stats.Hits, stats.Objects));
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("no-store", "response-no-store")]
    [InlineData("private, max-age=60", "response-private")]
    public async Task Concurrent_Requests_For_An_Uncacheable_Key_Reach_The_Origin_Without_Waiting_On_Each_Other(string cacheControl, string detail)
    {
        await using var c = await Conversation.StartAsync();
        var arrived = 0;
        var allArrived = Signal();
        c.Origin.OnGet("/hot").Times(Clients).Handle(async context =>
        {
            // Headers at once; the body only when all requests are here. A proxy that made one request wait
            // for another's response would never let them all arrive.
            context.Response.Headers.CacheControl = cacheControl;
            await context.Response.Body.FlushAsync();
            var n = Interlocked.Increment(ref arrived);
            if (n == Clients)
            {
                allArrived.TrySetResult();
            }

            await allArrived.Task.WaitAsync(Progress.SafetyNet);
            await context.Response.WriteAsync($"own-{n}");
        });

        var requests = Enumerable.Range(0, Clients).Select(_ => c.Client.Get("/hot")).ToArray();
        await allArrived.Task.WaitAsync(Progress.SafetyNet);
        var responses = await Task.WhenAll(requests).WaitAsync(Progress.SafetyNet);

        Assert.All(responses, response => response.ExpectStatus(200).ExpectNotStored(detail));
        Assert.Equal(Clients, responses.Select(response => response.Text).Distinct().Count());
        Assert.Equal(0, c.Server.Proxy.Store.Count);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Uncacheable_Error_Of_The_Leader_Is_Not_Shared_With_Its_Waiters()
    {
        await using var c = await Conversation.StartAsync();
        var leaderArrived = Signal();
        var release = Signal();
        c.Origin.OnGet("/hot").Handle(async context =>
        {
            leaderArrived.TrySetResult();
            await release.Task.WaitAsync(Progress.SafetyNet);
            context.Response.StatusCode = 503;
            await context.Response.WriteAsync("busy");
        });
        c.Origin.OnGet("/hot").Times(Clients - 1).Reply(200, "fine", "Cache-Control: max-age=60");

        var responses = await RequestsWhileTheLeaderIsHeld(c, leaderArrived, release);

        Assert.Equal(Clients, c.Origin.RequestCount);
        Assert.Single(responses, response => response.Status == 503);
        responses.Single(response => response.Status == 503).ExpectBody("busy").ExpectNotStored("no-freshness");
        Assert.All(responses.Where(response => response.Status != 503), response => response.ExpectStatus(200).ExpectBody("fine").ExpectStored());
        Assert.Equal(1, c.Server.Proxy.Store.Count);
        (await c.Client.Get("/hot")).ExpectHit().ExpectBody("fine");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Failed_Origin_Request_Of_The_Leader_Is_Not_Shared_With_Its_Waiters()
    {
        await using var c = await Conversation.StartAsync();
        var leaderArrived = Signal();
        var release = Signal();
        c.Origin.OnGet("/hot").Handle(async context =>
        {
            leaderArrived.TrySetResult();
            await release.Task.WaitAsync(Progress.SafetyNet);
            context.Abort(); // no response at all
        });
        c.Origin.OnGet("/hot").Times(Clients - 1).Reply(200, "fine", "Cache-Control: no-store");

        var responses = await RequestsWhileTheLeaderIsHeld(c, leaderArrived, release);

        Assert.Equal(Clients, c.Origin.RequestCount);
        Assert.Single(responses, response => response.Status == 502);
        Assert.All(responses.Where(response => response.Status != 502), response => response.ExpectStatus(200).ExpectBody("fine").ExpectNotStored("response-no-store"));
        c.Origin.ExpectAllConsumed();
    }

    private static async Task<Exchange[]> RequestsWhileTheLeaderIsHeld(Conversation c, TaskCompletionSource leaderArrived, TaskCompletionSource release)
    {
        var requests = Enumerable.Range(0, Clients).Select(_ => c.Client.Get("/hot")).ToArray();
        await leaderArrived.Task.WaitAsync(Progress.SafetyNet);
        await Progress.Until(() => c.Server.Proxy.Coalescer.WaitersFor(Key) == Clients - 1, $"{Clients - 1} requests wait on the fill");
        release.SetResult();
        return await Task.WhenAll(requests).WaitAsync(Progress.SafetyNet);
    }

    private static TaskCompletionSource Signal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
