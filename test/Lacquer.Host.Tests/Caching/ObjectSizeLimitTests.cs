// Invariant 2, second half: an object larger than cache.maxObjectBytes is passed through byte-exact and not
// stored, whether the origin announces its length (decided at the head) or streams it chunked (found out
// while capturing).
using Lacquer.Harness;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Caching;

public sealed class ObjectSizeLimitTests
{
    private const int MaxObjectBytes = 64 * 1024;

    [Fact]
    public async Task Object_Above_MaxObjectBytes_With_Content_Length_Is_Served_Intact_And_Not_Stored()
    {
        await using var c = await StartAsync();
        var body = Bytes(MaxObjectBytes + 1, seed: 1);
        c.Origin.OnGet("/big").Times(2).Handle(context => WriteAsync(context, body, announceLength: true));

        var first = (await c.Client.Get("/big")).ExpectStatus(200).ExpectMiss().ExpectNotStored("too-large").ExpectHeader("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(body, first.Body);
        var second = (await c.Client.Get("/big")).ExpectMiss().ExpectNotStored("too-large");
        Assert.Equal(body, second.Body);
        Assert.Equal(0, c.Server.Proxy.Store.Count);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Object_Above_MaxObjectBytes_Without_Content_Length_Is_Served_Intact_And_Not_Stored()
    {
        await using var c = await StartAsync();
        var body = Bytes(3 * MaxObjectBytes, seed: 2);
        c.Origin.OnGet("/big").Times(2).Handle(context => WriteAsync(context, body, announceLength: false));

        var first = (await c.Client.Get("/big")).ExpectStatus(200).ExpectMiss().ExpectNoHeader("Content-Length");
        Assert.Equal(body, first.Body);
        var second = (await c.Client.Get("/big")).ExpectStatus(200).ExpectMiss();
        Assert.Equal(body, second.Body);
        Assert.Equal(0, c.Server.Proxy.Store.Count);
        Assert.Equal(0, c.Server.Proxy.Store.StoredBytes);
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Object_Of_Exactly_MaxObjectBytes_Is_Stored(bool announceLength)
    {
        await using var c = await StartAsync();
        var body = Bytes(MaxObjectBytes, seed: 3);
        c.Origin.OnGet("/edge").Handle(context => WriteAsync(context, body, announceLength));

        var miss = (await c.Client.Get("/edge")).ExpectMiss().ExpectStored();
        Assert.Equal(body, miss.Body);
        var hit = (await c.Client.Get("/edge")).ExpectHit();
        Assert.Equal(body, hit.Body);
        c.Origin.ExpectAllConsumed();
    }

    private static Task<Conversation> StartAsync() =>
        Conversation.StartAsync(s => s with { Cache = s.Cache with { MaxBytes = 1024 * 1024, MaxObjectBytes = MaxObjectBytes } });

    /// <summary>Writes the body in uneven chunks, so a chunked response arrives in several pieces.</summary>
    private static async Task WriteAsync(HttpContext context, byte[] body, bool announceLength)
    {
        context.Response.StatusCode = 200;
        context.Response.Headers.CacheControl = "max-age=60";
        context.Response.ContentType = "application/octet-stream";
        if (announceLength)
        {
            context.Response.ContentLength = body.Length;
        }

        for (var offset = 0; offset < body.Length; offset += 7000)
        {
            await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(7000, body.Length - offset)));
            await context.Response.Body.FlushAsync();
        }
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
