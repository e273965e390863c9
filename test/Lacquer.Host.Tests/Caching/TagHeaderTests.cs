// Tags (docs/purge.md): Cache-Tag, Surrogate-Key and xkey are read into the stored entry and stripped
// from what the client sees, on the miss and on every hit.
using Lacquer.Harness;

namespace Lacquer.Caching;

public sealed class TagHeaderTests
{
    [Fact]
    public async Task Tag_Headers_Are_Stripped_From_Miss_And_Hit_And_Kept_With_The_Entry()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60", "Cache-Tag: Red, product-42", "Surrogate-Key: blue GREEN", "xkey: page-7", "X-Other: kept");

        var miss = (await c.Client.Get("/a")).ExpectMiss().ExpectStored().ExpectHeader("X-Other", "kept");
        var hit = (await c.Client.Get("/a")).ExpectHit().ExpectHeader("X-Other", "kept");

        foreach (var exchange in new[] { miss, hit })
        {
            exchange.ExpectNoHeader("Cache-Tag").ExpectNoHeader("Surrogate-Key").ExpectNoHeader("xkey");
        }

        var entry = c.Server.Proxy.Store.Lookup($"http://{TestSettings.Host}/a", new Lacquer.Caching.Keys.NoRequestFields()).Entry;
        Assert.NotNull(entry);
        Assert.Equal(["blue", "green", "page-7", "product-42", "red"], entry.Tags.Order(StringComparer.Ordinal));
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Tag_Headers_Are_Stripped_Whatever_Their_Case_And_Even_When_Not_Stored()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: no-store", "cache-tag: red", "SURROGATE-KEY: blue", "XKey: green");

        (await c.Client.Get("/a")).ExpectNotStored("response-no-store")
            .ExpectNoHeader("Cache-Tag").ExpectNoHeader("Surrogate-Key").ExpectNoHeader("xkey");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Zone_Tag_Headers_Replace_The_Defaults()
    {
        await using var c = await Conversation.StartAsync(s => s with { Zones = [s.Zones[0] with { TagHeaders = [new("X-Tags", ';')] }] });
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60", "X-Tags: a; b", "Cache-Tag: c");

        (await c.Client.Get("/a")).ExpectStored().ExpectNoHeader("X-Tags").ExpectHeader("Cache-Tag", "c");
        var entry = c.Server.Proxy.Store.Lookup($"http://{TestSettings.Host}/a", new Lacquer.Caching.Keys.NoRequestFields()).Entry;
        Assert.Equal(["a", "b"], entry!.Tags.Order(StringComparer.Ordinal));
        c.Origin.ExpectAllConsumed();
    }
}
