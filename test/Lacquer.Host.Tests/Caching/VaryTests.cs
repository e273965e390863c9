// Vary (RFC 9111 §4.1): variants live under one primary key and are selected by the request's values of
// the fields the response named; Vary: * never matches, so it is never stored.
using Lacquer.Harness;

namespace Lacquer.Caching;

public sealed class VaryTests
{
    [Fact]
    public async Task Variants_For_Each_Language_Are_Stored_Under_One_Key_And_Each_Is_A_Hit()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/page").Reply(200, "hello", "Cache-Control: max-age=60", "Vary: Accept-Language", "Content-Language: en");
        c.Origin.OnGet("/page").Reply(200, "hallo", "Cache-Control: max-age=60", "Vary: Accept-Language", "Content-Language: de");
        c.Origin.OnGet("/page").Reply(200, "bonjour", "Cache-Control: max-age=60", "Vary: Accept-Language", "Content-Language: fr");
        c.Origin.OnGet("/page").Reply(200, "default", "Cache-Control: max-age=60", "Vary: Accept-Language");

        (await c.Client.Get("/page", "Accept-Language: en")).ExpectMiss().ExpectStored().ExpectBody("hello");
        (await c.Client.Get("/page", "Accept-Language: de")).ExpectMiss("vary-miss").ExpectStored().ExpectBody("hallo");
        (await c.Client.Get("/page", "Accept-Language: en")).ExpectHit().ExpectBody("hello").ExpectHeader("Content-Language", "en");
        (await c.Client.Get("/page", "Accept-Language: de")).ExpectHit().ExpectBody("hallo").ExpectHeader("Content-Language", "de");
        (await c.Client.Get("/page", "Accept-Language: fr")).ExpectMiss("vary-miss").ExpectBody("bonjour");
        (await c.Client.Get("/page")).ExpectMiss("vary-miss").ExpectBody("default");
        (await c.Client.Get("/page")).ExpectHit().ExpectBody("default");
        (await c.Client.Get("/page", "Accept-Language: fr")).ExpectHit().ExpectBody("bonjour");
        Assert.Equal(4, c.Server.Proxy.Store.Count);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Request_Values_Are_Matched_After_Whitespace_Normalisation()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/page").Reply(200, "en-de", "Cache-Control: max-age=60", "Vary: Accept-Language");

        (await c.Client.Get("/page", "Accept-Language: en,de")).ExpectMiss();
        (await c.Client.Get("/page", "Accept-Language: en ,  de")).ExpectHit().ExpectBody("en-de");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Request_Values_That_Differ_In_Case_Are_A_Vary_Miss()
    {
        // Values compare exactly (not every field is case-insensitive): a harmless difference costs a miss.
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/page").Reply(200, "lower", "Cache-Control: max-age=60", "Vary: Accept-Language");
        c.Origin.OnGet("/page").Reply(200, "upper", "Cache-Control: max-age=60", "Vary: Accept-Language");

        (await c.Client.Get("/page", "Accept-Language: en")).ExpectMiss();
        (await c.Client.Get("/page", "Accept-Language: EN")).ExpectMiss("vary-miss").ExpectBody("upper");
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("*")]
    [InlineData("Accept-Language, *")]
    [InlineData(" * ")]
    public async Task Vary_Star_Is_Never_Served_From_Cache(string vary)
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/page").Times(2).Reply(200, "any", "Cache-Control: max-age=60", $"Vary: {vary}");

        (await c.Client.Get("/page")).ExpectMiss().ExpectNotStored("vary-star").ExpectBody("any");
        (await c.Client.Get("/page")).ExpectMiss().ExpectNotStored("vary-star").ExpectBody("any");
        Assert.Equal(0, c.Server.Proxy.Store.Count);
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("accept-LANGUAGE")]
    [InlineData("Accept-Language ,, ")]
    [InlineData(" ,ACCEPT-LANGUAGE,accept-language")]
    public async Task Vary_Field_Names_Are_Compared_Ignoring_Case_Whitespace_Empty_Members_And_Duplicates(string firstVary)
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/page").Reply(200, "hello", "Cache-Control: max-age=60", $"Vary: {firstVary}");
        c.Origin.OnGet("/page").Reply(200, "hallo", "Cache-Control: max-age=60", "Vary: Accept-Language");

        (await c.Client.Get("/page", "Accept-Language: en")).ExpectMiss().ExpectStored();
        (await c.Client.Get("/page", "Accept-Language: de")).ExpectMiss("vary-miss").ExpectStored();

        // Same Vary after normalisation: the de variant joined the en one instead of replacing it.
        (await c.Client.Get("/page", "Accept-Language: en")).ExpectHit().ExpectBody("hello");
        (await c.Client.Get("/page", "Accept-Language: de")).ExpectHit().ExpectBody("hallo");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Response_With_A_Different_Vary_Replaces_The_Variants()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/page").Reply(200, "by-language", "Cache-Control: max-age=60", "Vary: Accept-Language");
        c.Origin.OnGet("/page").Reply(200, "by-encoding", "Cache-Control: max-age=60", "Vary: Accept-Encoding");

        (await c.Client.Get("/page", "Accept-Language: en")).ExpectMiss().ExpectBody("by-language");
        (await c.Client.Get("/page", "Accept-Language: de")).ExpectMiss("vary-miss").ExpectBody("by-encoding");

        // The origin now varies on Accept-Encoding only: the en variant is gone, the new one serves both.
        (await c.Client.Get("/page", "Accept-Language: en")).ExpectHit().ExpectBody("by-encoding");
        Assert.Equal(1, c.Server.Proxy.Store.Count);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Url_Sent_Many_Distinct_Values_Keeps_Only_Its_Newest_Variants_Up_To_The_Zones_Bound()
    {
        const int bound = 8, sent = 60;
        await using var c = await Conversation.StartAsync(s => s with { Zones = [s.Zones[0] with { MaxVariants = bound }] });
        for (var i = 0; i < sent; i++)
        {
            c.Origin.OnGet("/page").Reply(200, $"v{i}", "Cache-Control: max-age=60", "Vary: Accept-Language", "Cache-Tag: page");
        }

        c.Origin.OnGet("/page").Reply(200, "v0 again", "Cache-Control: max-age=60", "Vary: Accept-Language", "Cache-Tag: page");
        c.Origin.OnGet("/other").Reply(200, "other", "Cache-Control: max-age=60", "Cache-Tag: page");
        var store = c.Server.Proxy.Store;

        for (var i = 0; i < sent; i++)
        {
            (await c.Client.Get("/page", $"Accept-Language: x-{i}")).ExpectMiss(i == 0 ? "miss" : "vary-miss").ExpectStored().ExpectBody($"v{i}");
            Assert.Equal(Math.Min(i + 1, bound), store.Count);
        }

        // The newest variants are hits; an evicted one is a vary miss, and storing it again evicts the then-oldest.
        for (var i = sent - bound; i < sent; i++)
        {
            (await c.Client.Get("/page", $"Accept-Language: x-{i}")).ExpectHit().ExpectBody($"v{i}");
        }

        (await c.Client.Get("/page", "Accept-Language: x-0")).ExpectMiss("vary-miss").ExpectStored().ExpectBody("v0 again");
        (await c.Client.Get("/page", "Accept-Language: x-0")).ExpectHit().ExpectBody("v0 again");
        (await c.Client.Get("/page", $"Accept-Language: x-{sent - 1}")).ExpectHit();
        (await c.Client.Get("/other")).ExpectMiss().ExpectStored();

        var stats = await Stats.Read(c.Admin);
        Assert.Equal(bound + 1, stats.Objects);
        Assert.Equal(sent + 1 - bound, stats.Evictions);
        Assert.Equal(store.StoredBytes, stats.StoredBytes);

        // A purge of the tag finds exactly the kept variants and the other URL: evicted ones left the index.
        (await c.Client.Send("PURGE", "/page", null, "Surrogate-Key: page")).ExpectStatus(200).ExpectJsonMatching(
            "\\{\"status\":\"ok\",\"id\":\"[0-9a-f]{32}\",\"purged\":" + (bound + 1) + "}");
        Assert.Equal(0, store.Count);
        Assert.Equal(0, store.StoredBytes);
        c.Origin.ExpectAllConsumed();
    }
}
