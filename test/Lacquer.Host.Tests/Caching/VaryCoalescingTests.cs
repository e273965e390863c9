// Waiters whose leader stored a different Vary variant coalesce once more among themselves instead of all
// going to the origin at once (docs/request-path.md step 6).
using Lacquer.Harness;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Caching;

public sealed class VaryCoalescingTests
{
    private const int Waiters = 20;
    private const string Key = "http://" + TestSettings.Host + "/news";

    [Fact]
    public async Task Waiters_For_Another_Variant_Make_One_More_Origin_Request_Not_One_Each()
    {
        await using var c = await Conversation.StartAsync();
        var leaderArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        c.Origin.OnGet("/news").Handle(async context =>
        {
            leaderArrived.TrySetResult();
            await release.Task.WaitAsync(Progress.SafetyNet);
            context.Response.Headers.CacheControl = "max-age=60";
            context.Response.Headers.Vary = "Accept-Language";
            await context.Response.WriteAsync("news-en");
        });
        c.Origin.OnGet("/news").Reply(200, "news-de", "Cache-Control: max-age=60", "Vary: Accept-Language");

        var leader = c.Client.Get("/news", "Accept-Language: en");
        await leaderArrived.Task.WaitAsync(Progress.SafetyNet);
        var german = Enumerable.Range(0, Waiters).Select(_ => c.Client.Get("/news", "Accept-Language: de")).ToArray();
        await Progress.Until(() => c.Server.Proxy.Coalescer.WaitersFor(Key) == Waiters, $"{Waiters} requests wait on the fill");
        release.SetResult();

        (await leader.WaitAsync(Progress.SafetyNet)).ExpectBody("news-en");
        var responses = await Task.WhenAll(german).WaitAsync(Progress.SafetyNet);
        Assert.All(responses, response => response.ExpectStatus(200).ExpectBody("news-de"));
        Assert.Equal(2, c.Origin.RequestCount);
        c.Origin.ExpectAllConsumed();
    }
}
