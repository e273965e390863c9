// A client that leaves in the middle of a response (a raw socket reset after part of the body). The proxy
// must survive it, and must never serve a partial body later. For a storable response the fill goes on
// without the client (docs/request-path.md, step 9), so the next request is a hit with the COMPLETE body;
// for one that will not be stored there is nothing to finish, and the next request goes to the origin.
// The origin streams in steps the test releases, so "the client left before the body was done" is a fact
// of the test, not a race.
using Lacquer.Harness;

namespace Lacquer.Forwarding;

public sealed class ClientDisconnectTests
{
    private const int Steps = 4;

    [Fact]
    public async Task Client_Leaving_Mid_Body_Does_Not_Stop_The_Fill_And_The_Next_Request_Hits_The_Complete_Body()
    {
        await using var c = await Conversation.StartAsync();
        var body = Bodies.Pattern(1024 * 1024);
        var origin = new SteppedBody(body, Steps);
        c.Origin.OnGet("/big").Handle(context => origin.ServeAsync(context, "max-age=60"));

        try
        {
            await LeaveAfterTheFirstStepAsync(c, origin);
            origin.ReleaseAll();
            await origin.Finished.WaitAsync(TimeSpan.FromSeconds(10));

            var next = (await c.Client.Get("/big")).ExpectStatus(200).ExpectHit();
            Bodies.AssertSame(body, next.Body);
        }
        finally
        {
            origin.ReleaseAll();
        }

        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Client_Leaving_Mid_Body_Of_An_Uncacheable_Response_Leaves_The_Proxy_Serving()
    {
        await using var c = await Conversation.StartAsync();
        var body = Bodies.Pattern(1024 * 1024);
        var origin = new SteppedBody(body, Steps);
        c.Origin.OnGet("/big").Handle(context => origin.ServeAsync(context, "no-store"));
        c.Origin.OnGet("/big").Handle(async context =>
        {
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.Body.WriteAsync(body);
        });

        try
        {
            await LeaveAfterTheFirstStepAsync(c, origin);
            origin.ReleaseAll();

            var next = (await c.Client.Get("/big")).ExpectStatus(200).ExpectMiss().ExpectNotStored("response-no-store");
            Bodies.AssertSame(body, next.Body);
        }
        finally
        {
            origin.ReleaseAll();
        }

        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Client_Leaving_Before_The_Origin_Answers_Cancels_The_Origin_Request()
    {
        await using var c = await Conversation.StartAsync();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        c.Origin.OnGet("/slow").Handle(async context =>
        {
            using var registration = context.RequestAborted.Register(() => cancelled.TrySetResult());
            arrived.SetResult();
            await cancelled.Task;
        });
        c.Origin.OnGet("/slow").Reply(200, "answered", "Cache-Control: max-age=60");

        using (var client = await RawClient.ConnectAsync(c.Client.Listener))
        {
            await client.SendAsync("GET /slow HTTP/1.1\r\nHost: test.example\r\n\r\n");
            await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
            client.Abort();
        }

        // The origin's request is dropped with the client's: nothing waits for an answer nobody will read.
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        (await c.Client.Get("/slow")).ExpectStatus(200).ExpectMiss().ExpectBody("answered");
        c.Origin.ExpectAllConsumed();
    }

    private static async Task LeaveAfterTheFirstStepAsync(Conversation c, SteppedBody origin)
    {
        using var client = await RawClient.ConnectAsync(c.Client.Listener);
        await client.SendAsync("GET /big HTTP/1.1\r\nHost: test.example\r\n\r\n");
        var partial = await client.ReadUntilBodyAsync(1);
        Assert.Equal(200, partial.Status);
        Assert.False(partial.IsComplete);
        Assert.True(partial.Body.Length <= origin.StepLength, $"The client got {partial.Body.Length} bytes before the origin sent more than {origin.StepLength}.");
        client.Abort();
    }
}
