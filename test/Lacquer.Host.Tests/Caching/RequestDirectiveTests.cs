// Request directives and client conditionals through the real listeners (RFC 9111 §5.2.1, §4.3.2).
using Lacquer.Harness;

namespace Lacquer.Caching;

public sealed class RequestDirectiveTests
{
    [Fact]
    public async Task Request_NoCache_Revalidates_A_Fresh_Entry_With_Its_Validators()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60", "ETag: \"v1\"");
        c.Origin.OnGet("/a").Handle(context =>
        {
            Assert.Equal("\"v1\"", context.Request.Headers.IfNoneMatch.ToString());
            context.Response.StatusCode = 304;
            return Task.CompletedTask;
        });

        (await c.Client.Get("/a")).ExpectMiss();
        (await c.Client.Get("/a", "Cache-Control: no-cache")).ExpectMiss("request").ExpectBody("a1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Pragma_NoCache_Without_Cache_Control_Goes_To_The_Origin()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60");
        c.Origin.OnGet("/a").Reply(200, "a2", "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss();
        (await c.Client.Get("/a", "Pragma: no-cache")).ExpectMiss("request").ExpectBody("a2");
        (await c.Client.Get("/a", "Pragma: no-cache", "Cache-Control: max-stale")).ExpectHit().ExpectBody("a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Request_MaxAge_Refuses_An_Older_Entry()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=600");
        c.Origin.OnGet("/a").Reply(200, "a2", "Cache-Control: max-age=600");

        (await c.Client.Get("/a")).ExpectMiss();
        c.Clock.Advance(TimeSpan.FromSeconds(30));
        (await c.Client.Get("/a", "Cache-Control: max-age=60")).ExpectHit().ExpectBody("a1");
        (await c.Client.Get("/a", "Cache-Control: max-age=10")).ExpectMiss("request").ExpectBody("a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Request_MinFresh_Refuses_An_Entry_About_To_Expire()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60");
        c.Origin.OnGet("/a").Reply(200, "a2", "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss();
        c.Clock.Advance(TimeSpan.FromSeconds(50));
        (await c.Client.Get("/a", "Cache-Control: min-fresh=5")).ExpectHit();
        (await c.Client.Get("/a", "Cache-Control: min-fresh=20")).ExpectMiss("request").ExpectBody("a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Request_MaxStale_Accepts_A_Stale_Entry_Within_Its_Bound()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60");
        c.Origin.OnGet("/a").Reply(200, "a2", "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss();
        c.Clock.Advance(TimeSpan.FromSeconds(90));
        (await c.Client.Get("/a", "Cache-Control: max-stale=60")).ExpectHeader("Cache-Status", "Lacquer; hit; detail=stale").ExpectBody("a1");
        (await c.Client.Get("/a", "Cache-Control: max-stale=10")).ExpectMiss("stale").ExpectBody("a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task MaxStale_Never_Serves_A_Must_Revalidate_Response_Stale()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60, must-revalidate");
        c.Origin.OnGet("/a").Reply(200, "a2", "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss();
        c.Clock.Advance(TimeSpan.FromSeconds(90));
        (await c.Client.Get("/a", "Cache-Control: max-stale")).ExpectMiss("stale").ExpectBody("a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task OnlyIfCached_Answers_504_When_Nothing_Is_Stored_And_Never_Asks_The_Origin()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60");

        (await c.Client.Get("/a", "Cache-Control: only-if-cached")).ExpectStatus(504).ExpectHeader("Cache-Status", "Lacquer; detail=only-if-cached");
        (await c.Client.Get("/a")).ExpectMiss();
        (await c.Client.Get("/a", "Cache-Control: only-if-cached")).ExpectHit().ExpectBody("a1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Client_If_None_Match_Gets_304_From_A_Fresh_Entry_With_Weak_Comparison()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60", "ETag: W/\"v1\"");

        (await c.Client.Get("/a")).ExpectMiss();
        (await c.Client.Get("/a", "If-None-Match: \"v1\"")).ExpectStatus(304).ExpectHit().ExpectBody(string.Empty).ExpectHeader("ETag", "W/\"v1\"");
        (await c.Client.Get("/a", "If-None-Match: \"other\", W/\"v1\"")).ExpectStatus(304);
        (await c.Client.Get("/a", "If-None-Match: \"other\"")).ExpectStatus(200).ExpectHit().ExpectBody("a1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Client_If_Modified_Since_Gets_304_When_Not_Modified_Since()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60", "Last-Modified: Sat, 21 Nov 2026 12:00:00 GMT");

        (await c.Client.Get("/a")).ExpectMiss();
        (await c.Client.Get("/a", "If-Modified-Since: Sat, 21 Nov 2026 12:00:00 GMT")).ExpectStatus(304).ExpectHit();
        (await c.Client.Get("/a", "If-Modified-Since: Fri, 20 Nov 2026 12:00:00 GMT")).ExpectStatus(200).ExpectBody("a1");
        (await c.Client.Get("/a", "If-Modified-Since: not a date")).ExpectStatus(200).ExpectBody("a1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Client_If_Modified_Since_Is_Compared_With_The_Stored_Date_When_There_Is_No_Last_Modified()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60", "Date: Sun, 22 Nov 2026 12:00:00 GMT");

        (await c.Client.Get("/a")).ExpectMiss();
        (await c.Client.Get("/a", "If-Modified-Since: Sun, 22 Nov 2026 12:00:00 GMT")).ExpectStatus(304).ExpectHit().ExpectBody(string.Empty);
        (await c.Client.Get("/a", "If-Modified-Since: Sun, 22 Nov 2026 11:59:59 GMT")).ExpectStatus(200).ExpectHit().ExpectBody("a1");
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("Cache-Control: no-cache")]
    [InlineData("Cache-Control: max-age=0, no-cache")]
    [InlineData("Pragma: no-cache")]
    public async Task Request_NoCache_Answer_From_The_Origin_Replaces_The_Stored_Entry(string header)
    {
        // §5.2.1.4: the origin's answer to a no-cache request is an ordinary response and may be stored.
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60");
        c.Origin.OnGet("/a").Reply(200, "a2", "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss().ExpectBody("a1");
        (await c.Client.Get("/a", header)).ExpectMiss("request").ExpectStored().ExpectBody("a2");
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Request_NoStore_Response_Is_Not_Stored()
    {
        // §5.2.1.5: "a cache MUST NOT store any part of either this request or any response to it".
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "secret", "Cache-Control: max-age=60");
        c.Origin.OnGet("/a").Reply(200, "public", "Cache-Control: max-age=60");

        (await c.Client.Get("/a", "Cache-Control: no-store")).ExpectMiss().ExpectNotStored("request-no-store").ExpectBody("secret");
        (await c.Client.Get("/a")).ExpectMiss().ExpectStored().ExpectBody("public");
        c.Origin.ExpectAllConsumed();
    }
}
