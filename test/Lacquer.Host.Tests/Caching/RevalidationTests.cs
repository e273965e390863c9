// RFC 9111 §4.3: a stale entry with validators is revalidated with a conditional request, and a 304
// freshens the stored copy (§4.3.4) instead of transferring the body again.
using Lacquer.Caching.Store;
using Lacquer.Harness;
using Lacquer.Purge;

namespace Lacquer.Caching;

public sealed class RevalidationTests
{
    [Fact]
    public async Task Stale_Entry_With_ETag_Is_Revalidated_And_Freshened_By_304()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "body-1", "Cache-Control: max-age=60", "ETag: \"v1\"", "X-Version: 1");
        c.Origin.OnGet("/a").Handle(context =>
        {
            Assert.Equal("\"v1\"", context.Request.Headers.IfNoneMatch.ToString());
            context.Response.StatusCode = 304;
            context.Response.Headers.CacheControl = "max-age=120";
            context.Response.Headers["X-Version"] = "2";
            context.Response.Headers.ETag = "\"v1\"";
            return Task.CompletedTask;
        });

        (await c.Client.Get("/a")).ExpectMiss().ExpectBody("body-1");
        c.Clock.Advance(TimeSpan.FromSeconds(61));
        (await c.Client.Get("/a")).ExpectMiss("stale").ExpectStatus(200).ExpectBody("body-1").ExpectHeader("X-Version", "2")
            .ExpectHeader("Cache-Status", "Lacquer; fwd=stale; fwd-status=304; stored; ttl=120");
        c.Clock.Advance(TimeSpan.FromSeconds(100));
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("body-1").ExpectHeader("X-Version", "2").ExpectHeader("Age", "100");
        c.Origin.ExpectAllConsumed();
    }

    // RFC 9111 §5.2.2.4: a no-cache response (qualified or not) is stored, but every reuse is validated first,
    // and it is never served stale, not even with the origin down and the zone's serveStaleOnError on (§4.2.4).
    [Theory]
    [InlineData("no-cache")]
    [InlineData("no-cache, max-age=600")]
    [InlineData("no-cache=\"Set-Cookie\", max-age=600")]
    public async Task NoCache_Response_Is_Stored_And_Revalidated_Before_Every_Reuse(string cacheControl)
    {
        await using var c = await Conversation.StartAsync(s => s with { Zones = [s.Zones[0] with { ServeStaleOnError = TimeSpan.FromDays(1) }] });
        c.Origin.OnGet("/a").Reply(200, "body-1", $"Cache-Control: {cacheControl}", "ETag: \"v1\"");
        c.Origin.OnGet("/a").Times(2).Handle(context =>
        {
            Assert.Equal("\"v1\"", context.Request.Headers.IfNoneMatch.ToString());
            context.Response.StatusCode = 304;
            context.Response.Headers.CacheControl = cacheControl;
            context.Response.Headers.ETag = "\"v1\"";
            return Task.CompletedTask;
        });

        (await c.Client.Get("/a")).ExpectMiss().ExpectHeader("Cache-Status", "Lacquer; fwd=miss; stored; ttl=0").ExpectBody("body-1");
        (await c.Client.Get("/a")).ExpectHeader("Cache-Status", "Lacquer; fwd=stale; fwd-status=304; stored; ttl=0").ExpectBody("body-1");
        (await c.Client.Get("/a", "Cache-Control: max-stale")).ExpectMiss("stale").ExpectBody("body-1");
        Assert.Equal(1, c.Server.Proxy.Store.Count);
        c.Origin.ExpectAllConsumed();

        await c.Origin.DisposeAsync();
        (await c.Client.Get("/a")).ExpectStatus(502);
    }

    [Fact]
    public async Task Stale_Entry_With_Last_Modified_Is_Revalidated_With_If_Modified_Since()
    {
        await using var c = await Conversation.StartAsync();
        const string lastModified = "Sat, 21 Nov 2026 12:00:00 GMT";
        c.Origin.OnGet("/a").Reply(200, "body-1", "Cache-Control: max-age=60", $"Last-Modified: {lastModified}");
        c.Origin.OnGet("/a").Handle(context =>
        {
            Assert.Equal(lastModified, context.Request.Headers.IfModifiedSince.ToString());
            context.Response.StatusCode = 304;
            context.Response.Headers.CacheControl = "max-age=60";
            return Task.CompletedTask;
        });

        (await c.Client.Get("/a")).ExpectMiss();
        c.Clock.Advance(TimeSpan.FromSeconds(61));
        (await c.Client.Get("/a")).ExpectMiss("stale").ExpectBody("body-1");
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("body-1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Soft_Purged_Entry_Is_Revalidated_Not_Refetched()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "body-1", "Cache-Control: max-age=3600", "ETag: \"v1\"", "Cache-Tag: red");
        c.Origin.OnGet("/a").Handle(context =>
        {
            Assert.Equal("\"v1\"", context.Request.Headers.IfNoneMatch.ToString());
            context.Response.StatusCode = 304;
            context.Response.Headers.CacheControl = "max-age=3600";
            return Task.CompletedTask;
        });

        (await c.Client.Get("/a")).ExpectMiss();
        var zone = c.Server.Proxy.Zones.Zones[0];
        var record = c.Server.Purges.Purge(new PurgeCommand([zone], [PurgeSelector.ForTag("RED")], Soft: true), "test", "test");
        Assert.Equal(1, record.Matched);
        (await c.Client.Get("/a")).ExpectMiss("stale").ExpectBody("body-1");
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("body-1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Stale_Entry_Replaced_When_Origin_Answers_200()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "body-1", "Cache-Control: max-age=60", "ETag: \"v1\"");
        c.Origin.OnGet("/a").Reply(200, "body-2", "Cache-Control: max-age=60", "ETag: \"v2\"");

        (await c.Client.Get("/a")).ExpectMiss();
        c.Clock.Advance(TimeSpan.FromSeconds(61));
        (await c.Client.Get("/a")).ExpectMiss("stale").ExpectStored().ExpectBody("body-2");
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("body-2").ExpectHeader("ETag", "\"v2\"");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Client_Conditional_Request_Is_Forwarded_As_Is_For_A_Stale_Entry()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "body-1", "Cache-Control: max-age=60", "ETag: \"v1\"");
        c.Origin.OnGet("/a").Handle(context =>
        {
            Assert.Equal("\"mine\"", context.Request.Headers.IfNoneMatch.ToString());
            context.Response.StatusCode = 304;
            return Task.CompletedTask;
        });

        (await c.Client.Get("/a")).ExpectMiss();
        c.Clock.Advance(TimeSpan.FromSeconds(61));
        (await c.Client.Get("/a", "If-None-Match: \"mine\"")).ExpectStatus(304).ExpectMiss("stale");
        c.Origin.ExpectAllConsumed();
    }
}
