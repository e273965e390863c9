// The fill of a storable response does not depend on the first client's reading (docs/request-path.md,
// "Filling"): the origin's body is read at the origin's pace into memory, and each client is served from there
// at its own. The first client here is a raw socket with a small receive buffer that reads the head and a first
// piece and then stops reading; the body (8 MiB) is larger than everything the kernel and Kestrel can buffer on
// the way to it (the loopback send buffer grows to 4 MiB at most), so the proxy's writes to that client are
// stalled for as long as the test says. Nothing is paced by time: each step waits on something observable.
using Lacquer.Configuration;
using Lacquer.Harness;

namespace Lacquer.Caching;

public sealed class SlowFirstClientTests
{
    private const int BodyLength = 8 * 1024 * 1024;
    private const int SmallReceiveBuffer = 4096;
    private const string Key = "http://" + TestSettings.Host + "/big";
    private const string Request = "GET /big HTTP/1.1\r\nHost: test.example\r\nConnection: close\r\n\r\n";

    /// <summary>Room for the body under the object-size limit.</summary>
    private static LacquerSettings LargeObjects(LacquerSettings settings) =>
        settings with { Cache = settings.Cache with { MaxObjectBytes = 2L * BodyLength } };

    [Fact]
    public async Task A_First_Client_That_Stops_Reading_Does_Not_Hold_Up_The_Fill_And_The_Next_Client_Hits_Meanwhile()
    {
        await using var c = await Conversation.StartAsync(LargeObjects);
        var body = Bodies.Pattern(BodyLength);
        c.Origin.OnGet("/big").Handle(async context =>
        {
            context.Response.ContentLength = body.Length;
            context.Response.Headers.CacheControl = "max-age=60";
            await context.Response.Body.WriteAsync(body);
        });

        using var slow = await StalledClientAsync(c);

        await Progress.Until(() => c.Server.Proxy.Store.Count == 1, "the fill stored the body while the first client is not reading");
        var second = (await c.Client.Get("/big")).ExpectStatus(200).ExpectHit();
        Bodies.AssertSame(body, second.Body);
        Assert.Equal(1, c.Origin.RequestCount);

        // The first client reads on, at last, and gets all of it.
        var first = await slow.ReadUntilClosedAsync();
        Assert.True(first.IsComplete, $"The first client got an incomplete response of {first.Body.Length} bytes.");
        Bodies.AssertSame(body, first.Body);
        Assert.StartsWith("Lacquer; fwd=miss; stored", first.Header("Cache-Status"), StringComparison.Ordinal);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_First_Client_That_Stalls_And_Then_Leaves_Does_Not_Stop_The_Fill_And_The_Next_Request_Hits()
    {
        await using var c = await Conversation.StartAsync(LargeObjects);
        var body = Bodies.Pattern(BodyLength);
        var origin = new SteppedBody(body, steps: 4);
        c.Origin.OnGet("/big").Handle(context => origin.ServeAsync(context, "max-age=60"));

        try
        {
            using (var slow = await StalledClientAsync(c))
            {
                // The origin sends the rest while the client reads nothing: the proxy must take it all in.
                origin.ReleaseAll();
                await origin.Finished.WaitAsync(Progress.SafetyNet);
                slow.Abort();
            }

            var next = (await c.Client.Get("/big")).ExpectStatus(200).ExpectHit();
            Bodies.AssertSame(body, next.Body);
        }
        finally
        {
            origin.ReleaseAll();
        }

        Assert.Equal(1, c.Origin.RequestCount);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task An_Origin_Breaking_Off_While_The_First_Client_Stalls_Stores_Nothing_And_Aborts_That_Client()
    {
        await using var raw = RawOrigin.Start();
        await using var c = await Conversation.StartAsync(s => LargeObjects(s) with { Zones = [TestSettings.Zone(raw.Uri)] });
        var body = Bodies.Pattern(BodyLength);
        var breakOff = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        raw.OnGet("/big").Handle(async connection =>
        {
            await connection.SendAsync(System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nCache-Control: max-age=60\r\nContent-Length: {BodyLength}\r\n\r\n"));
            await connection.SendAsync(body.AsMemory(0, BodyLength / 2));
            await breakOff.Task.WaitAsync(Progress.SafetyNet);
            connection.Reset();
        });
        raw.OnGet("/big").ReplyWellFormed(200, "whole", "Cache-Control: max-age=60");

        using var slow = await StalledClientAsync(c);

        // A second client waits on the fill; the origin breaks off; the waiter is released to fetch on its own,
        // while the first client still reads nothing.
        var waiter = c.Client.Get("/big");
        await Progress.Until(() => c.Server.Proxy.Coalescer.WaitersFor(Key) == 1, "the second client waits on the fill");
        breakOff.SetResult();
        (await waiter.WaitAsync(Progress.SafetyNet)).ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody("whole");

        var first = await slow.ReadUntilClosedAsync();
        Assert.False(first.IsComplete, $"The first client got a complete-looking response of {first.Body.Length} bytes from a broken origin body.");
        Assert.True(first.Body.Length <= BodyLength / 2, $"The first client got {first.Body.Length} body bytes; the origin sent {BodyLength / 2}.");
        Assert.Equal(body.AsSpan(0, first.Body.Length).ToArray(), first.Body);

        // Only the waiter's own, complete response was stored.
        Assert.Equal(1, c.Server.Proxy.Store.Count);
        (await c.Client.Get("/big")).ExpectHit().ExpectBody("whole");
        raw.ExpectAllConsumed();
        c.Origin.ExpectAllConsumed();
    }

    /// <summary>A client that asks for /big first, reads the head and a first piece of the body, then stops reading.</summary>
    private static async Task<RawClient> StalledClientAsync(Conversation c)
    {
        var client = await RawClient.ConnectAsync(c.Client.Listener, SmallReceiveBuffer);
        await client.SendAsync(Request);
        var start = await client.ReadUntilBodyAsync(1);
        Assert.Equal(200, start.Status);
        Assert.False(start.IsComplete);
        return client;
    }
}
