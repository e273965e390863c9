// An origin that cannot be reached, or does not answer in time, gets the client a short plain-text 502 or
// 504 with a Cache-Status detail — never a hang, never internals — and nothing is stored, so the next request
// tries the origin again. The origin timeout runs on the zone's TimeProvider, so the manual clock drives it:
// the test waits until the request has reached the origin (a TaskCompletionSource the handler completes),
// then moves the clock.
using Lacquer.Harness;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Forwarding;

public sealed class OriginFailureTests
{
    private static readonly TimeSpan ZoneOriginTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Unreachable_Origin_Is_Answered_502_In_Plain_Text_And_Nothing_Is_Stored()
    {
        var nobody = new Uri($"http://127.0.0.1:{LoopbackPort.Unused()}");
        await using var c = await Conversation.StartAsync(s => s with { Zones = [TestSettings.Zone(nobody)] });

        var first = (await c.Client.Get("/a")).ExpectStatus(502)
            .ExpectHeader("Content-Type", "text/plain; charset=utf-8")
            .ExpectHeader("Cache-Status", "Lacquer; fwd=miss; detail=origin-unreachable")
            .ExpectBody("Lacquer: the origin could not be reached.\n");
        Assert.DoesNotContain(nobody.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), first.Text, StringComparison.Ordinal);

        // Not stored, not shared: the next request goes to the origin again.
        (await c.Client.Get("/a")).ExpectStatus(502).ExpectHeader("Cache-Status", "Lacquer; fwd=miss; detail=origin-unreachable");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Unreachable_Origin_Answers_Head_With_502_And_No_Body()
    {
        var nobody = new Uri($"http://127.0.0.1:{LoopbackPort.Unused()}");
        await using var c = await Conversation.StartAsync(s => s with { Zones = [TestSettings.Zone(nobody)] });

        (await c.Client.Head("/a")).ExpectStatus(502).ExpectBody(string.Empty).ExpectHeader("Cache-Status", "Lacquer; fwd=miss; detail=origin-unreachable");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Unreachable_Origin_For_A_Post_Says_Fwd_Method()
    {
        var nobody = new Uri($"http://127.0.0.1:{LoopbackPort.Unused()}");
        await using var c = await Conversation.StartAsync(s => s with { Zones = [TestSettings.Zone(nobody)] });

        (await c.Client.Send("POST", "/form", new StringContent("x=1")))
            .ExpectStatus(502).ExpectHeader("Cache-Status", "Lacquer; fwd=method; detail=origin-unreachable");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Origin_Without_A_Response_Head_Within_The_Timeout_Is_Answered_504()
    {
        await using var c = await Conversation.StartAsync(WithOriginTimeout);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        c.Origin.OnGet("/slow").Handle(async context =>
        {
            arrived.SetResult();
            await release.Task;
            context.Response.Headers.CacheControl = "max-age=60";
            await context.Response.WriteAsync("too late");
        });
        c.Origin.OnGet("/slow").Reply(200, "in time", "Cache-Control: max-age=60");

        try
        {
            var pending = c.Client.Get("/slow");
            await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
            c.Clock.Advance(ZoneOriginTimeout + TimeSpan.FromSeconds(1));

            (await pending.WaitAsync(TimeSpan.FromSeconds(10))).ExpectStatus(504)
                .ExpectHeader("Content-Type", "text/plain; charset=utf-8")
                .ExpectHeader("Cache-Status", "Lacquer; fwd=miss; detail=origin-timeout")
                .ExpectBody("Lacquer: the origin did not answer in time.\n");

            // Nothing stored: the next request goes to the origin, which now answers.
            (await c.Client.Get("/slow")).ExpectStatus(200).ExpectMiss().ExpectBody("in time");
        }
        finally
        {
            release.TrySetResult();
        }

        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Origin_Answering_Just_Within_The_Timeout_Is_Served()
    {
        await using var c = await Conversation.StartAsync(WithOriginTimeout);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        c.Origin.OnGet("/slow").Handle(async context =>
        {
            arrived.SetResult();
            await release.Task;
            context.Response.Headers.CacheControl = "max-age=60";
            await context.Response.WriteAsync("in time");
        });

        var pending = c.Client.Get("/slow");
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        c.Clock.Advance(ZoneOriginTimeout - TimeSpan.FromSeconds(1));
        release.SetResult();

        (await pending.WaitAsync(TimeSpan.FromSeconds(10))).ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody("in time");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Origin_Stalling_Mid_Body_Beyond_The_Timeout_Has_The_Client_Connection_Aborted()
    {
        await using var c = await Conversation.StartAsync(WithOriginTimeout);
        var body = Bodies.Pattern(64 * 1024);
        const int sentBeforeStall = 20_000;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        c.Origin.OnGet("/stall").Handle(async context =>
        {
            context.Response.ContentLength = body.Length;
            context.Response.Headers.CacheControl = "max-age=60";
            await context.Response.Body.WriteAsync(body.AsMemory(0, sentBeforeStall));
            await context.Response.Body.FlushAsync();
            await release.Task;
        });
        c.Origin.OnGet("/stall").Reply(200, "whole", "Cache-Control: max-age=60");

        try
        {
            using var client = await RawClient.ConnectAsync(c.Client.Listener);
            await client.SendAsync("GET /stall HTTP/1.1\r\nHost: test.example\r\n\r\n");
            var partial = await client.ReadUntilBodyAsync(sentBeforeStall);
            Assert.Equal(200, partial.Status);
            Assert.Equal(sentBeforeStall, partial.Body.Length);

            c.Clock.Advance(ZoneOriginTimeout + TimeSpan.FromSeconds(1));

            var ended = await client.ReadUntilClosedAsync();
            Assert.False(ended.IsComplete, "A body the origin stopped sending was made to look complete.");
            Assert.Equal(body.AsSpan(0, sentBeforeStall).ToArray(), ended.Body);

            (await c.Client.Get("/stall")).ExpectStatus(200).ExpectMiss().ExpectBody("whole");
        }
        finally
        {
            release.TrySetResult();
        }

        c.Origin.ExpectAllConsumed();
    }

    private static Configuration.LacquerSettings WithOriginTimeout(Configuration.LacquerSettings settings) =>
        settings with { Zones = [settings.Zones[0] with { OriginTimeout = ZoneOriginTimeout }] };
}
