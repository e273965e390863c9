// Invariant 2 (memory is bounded) through the real listeners: ten times cache.maxBytes of cacheable objects
// pass through, stored bytes never exceed the limit, the evictions are counted and the newest object stays.
using Lacquer.Harness;

namespace Lacquer.Caching;

public sealed class MemoryBoundTests
{
    private const long MaxBytes = 256 * 1024;
    private const int ObjectBytes = 16 * 1024;

    [Fact]
    public async Task Stored_Bytes_Stay_Within_MaxBytes_While_Ten_Times_As_Much_Is_Cached()
    {
        await using var c = await Conversation.StartAsync(s => s with { Cache = s.Cache with { MaxBytes = MaxBytes, MaxObjectBytes = 64 * 1024 } });
        const int count = (int)(10 * MaxBytes / ObjectBytes);
        for (var i = 0; i < count; i++)
        {
            c.Origin.OnGet($"/o/{i}").Reply(200, Body(i), "Cache-Control: max-age=3600");
        }

        c.Origin.OnGet("/o/0").Reply(200, Body(0), "Cache-Control: max-age=3600");
        var store = c.Server.Proxy.Store;

        for (var i = 0; i < count; i++)
        {
            (await c.Client.Get($"/o/{i}")).ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody(Body(i));
            Assert.True(store.StoredBytes <= MaxBytes, $"After object {i}: {store.StoredBytes} stored bytes exceed {MaxBytes}.");
        }

        (await c.Client.Get($"/o/{count - 1}")).ExpectHit().ExpectBody(Body(count - 1));
        (await c.Client.Get("/o/0")).ExpectMiss().ExpectBody(Body(0)); // long evicted

        var stats = await Stats.Read(c.Admin);
        Assert.True(stats.StoredBytes <= MaxBytes);
        Assert.Equal(store.StoredBytes, stats.StoredBytes);
        Assert.Equal(store.Count, stats.Objects);
        Assert.Equal(count + 1 - stats.Objects, stats.Evictions); // every object cached and no longer there was evicted
        Assert.True(stats.Evictions >= count * 8 / 10, $"Expected most objects to be evicted, got {stats.Evictions}.");
        Assert.Equal(count + 1, stats.Misses);
        Assert.Equal(1, stats.Hits);
        Assert.Equal(stats, await Stats.Read(c.Admin, zone: null));
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Eviction_Keeps_The_Recently_Used_Objects()
    {
        await using var c = await Conversation.StartAsync(s => s with { Cache = s.Cache with { MaxBytes = MaxBytes, MaxObjectBytes = 64 * 1024 } });
        const int count = (int)(2 * MaxBytes / ObjectBytes);
        for (var i = 0; i < count; i++)
        {
            c.Origin.OnGet($"/o/{i}").Reply(200, Body(i), "Cache-Control: max-age=3600");
        }

        // /o/0 is used again after every new object, so LRU never picks it.
        (await c.Client.Get("/o/0")).ExpectMiss();
        for (var i = 1; i < count; i++)
        {
            (await c.Client.Get($"/o/{i}")).ExpectMiss().ExpectStored();
            (await c.Client.Get("/o/0")).ExpectHit().ExpectBody(Body(0));
        }

        Assert.True((await Stats.Read(c.Admin)).Evictions > 0);
        c.Origin.ExpectAllConsumed();
    }

    private static string Body(int i) => string.Concat($"object {i}:", new string((char)('a' + (i % 26)), ObjectBytes - 16));
}
