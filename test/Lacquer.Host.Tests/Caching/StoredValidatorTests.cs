// The store keeps a response's ETag and Last-Modified apart from its other fields so that responses differing
// only in them share one field list (StoredFields). What a client sees must not change: a hit serves every
// stored field with the value and in the order the origin sent, each object with its own validators; a
// conditional request gets a 304 carrying that object's validators (RFC 9110 §15.4.5, RFC 9111 §4.3.2); a 304
// from the origin that changes them updates what is served (RFC 9111 §3.2, §4.3.4).
using Lacquer.Harness;

namespace Lacquer.Caching;

public sealed class StoredValidatorTests
{
    private static readonly string[] Objects = ["/p/1", "/p/2", "/p/3"];

    private static string ETag(int i) => $"\"5f8a1b2c-{i:x3}\"";

    private static string LastModified(int i) => $"Wed, 0{i} Jan 2025 10:00:00 GMT";

    [Fact]
    public async Task Hits_Serve_Each_Objects_Own_Validators_In_The_Origins_Field_Order()
    {
        await using var c = await Conversation.StartAsync();
        for (var i = 0; i < Objects.Length; i++)
        {
            // The validators in different places in the list: first, between other fields, last.
            string[] fields = (i % 3) switch
            {
                0 => [$"ETag: {ETag(i + 1)}", "Content-Type: text/plain", "Cache-Control: max-age=60", $"Last-Modified: {LastModified(i + 1)}", "X-Extra: x"],
                1 => ["Content-Type: text/plain", $"Last-Modified: {LastModified(i + 1)}", "Cache-Control: max-age=60", $"ETag: {ETag(i + 1)}", "X-Extra: x"],
                _ => ["Content-Type: text/plain", "Cache-Control: max-age=60", "X-Extra: x", $"etag: {ETag(i + 1)}", $"last-modified: {LastModified(i + 1)}"],
            };
            c.Origin.OnGet(Objects[i]).Reply(200, $"body-{i}", fields);
        }

        for (var i = 0; i < Objects.Length; i++)
        {
            var miss = await GetRaw(c, Objects[i]);
            var hit = await GetRaw(c, Objects[i]);

            Assert.Equal("hit", Detail(hit.Header("Cache-Status")));
            Assert.Equal(Served(miss), Served(hit));
            Assert.Equal(ETag(i + 1), hit.Header("ETag"));
            Assert.Equal(LastModified(i + 1), hit.Header("Last-Modified"));
            Assert.Equal($"body-{i}", hit.Text);
        }

        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("If-None-Match")]
    [InlineData("If-Modified-Since")]
    public async Task A_Conditional_Hit_Gets_A_304_With_That_Objects_Validators(string conditional)
    {
        await using var c = await Conversation.StartAsync();
        for (var i = 0; i < Objects.Length; i++)
        {
            c.Origin.OnGet(Objects[i]).Reply(200, $"body-{i}", "Cache-Control: max-age=60", $"ETag: {ETag(i + 1)}", $"Last-Modified: {LastModified(i + 1)}");
            (await c.Client.Get(Objects[i])).ExpectMiss().ExpectStored();
        }

        for (var i = 0; i < Objects.Length; i++)
        {
            var matching = conditional == "If-None-Match" ? ETag(i + 1) : LastModified(i + 1);
            (await c.Client.Get(Objects[i], $"{conditional}: {matching}")).ExpectHit().ExpectStatus(304)
                .ExpectHeader("ETag", ETag(i + 1)).ExpectHeader("Last-Modified", LastModified(i + 1));

            // Another object's ETag, or a date before this object's Last-Modified: the full response.
            var other = conditional == "If-None-Match" ? ETag(i + 2) : "Tue, 31 Dec 2024 10:00:00 GMT";
            (await c.Client.Get(Objects[i], $"{conditional}: {other}")).ExpectHit().ExpectStatus(200).ExpectBody($"body-{i}");
        }

        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_304_From_The_Origin_With_New_Validators_Updates_What_Is_Served()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/p/1").Reply(200, "body-1", "Cache-Control: max-age=60", $"ETag: {ETag(1)}", $"Last-Modified: {LastModified(1)}");
        c.Origin.OnGet("/p/2").Reply(200, "body-2", "Cache-Control: max-age=600", $"ETag: {ETag(2)}", $"Last-Modified: {LastModified(2)}");
        c.Origin.OnGet("/p/1").Handle(context =>
        {
            Assert.Equal(ETag(1), context.Request.Headers.IfNoneMatch.ToString());
            Assert.Equal(LastModified(1), context.Request.Headers.IfModifiedSince.ToString());
            context.Response.StatusCode = 304;
            context.Response.Headers.CacheControl = "max-age=60";
            context.Response.Headers.ETag = ETag(9);
            context.Response.Headers.LastModified = LastModified(9);
            return Task.CompletedTask;
        });

        (await c.Client.Get("/p/1")).ExpectMiss();
        (await c.Client.Get("/p/2")).ExpectMiss();
        c.Clock.Advance(TimeSpan.FromSeconds(61));
        (await c.Client.Get("/p/1")).ExpectMiss("stale").ExpectStatus(200).ExpectBody("body-1")
            .ExpectHeader("ETag", ETag(9)).ExpectHeader("Last-Modified", LastModified(9));
        (await c.Client.Get("/p/1")).ExpectHit().ExpectBody("body-1").ExpectHeader("ETag", ETag(9)).ExpectHeader("Last-Modified", LastModified(9));
        (await c.Client.Get("/p/1", $"If-None-Match: {ETag(9)}")).ExpectHit().ExpectStatus(304).ExpectHeader("ETag", ETag(9));
        (await c.Client.Get("/p/1", $"If-None-Match: {ETag(1)}")).ExpectHit().ExpectStatus(200);

        // The other object, stored with the same kind of field list, keeps its own.
        (await c.Client.Get("/p/2")).ExpectHit().ExpectBody("body-2").ExpectHeader("ETag", ETag(2)).ExpectHeader("Last-Modified", LastModified(2));
        c.Origin.ExpectAllConsumed();
    }

    private static async Task<RawResponse> GetRaw(Conversation c, string path)
    {
        using var client = await RawClient.ConnectAsync(c.Client.Listener);
        await client.SendAsync($"GET {path} HTTP/1.1\r\nHost: {TestSettings.Host}\r\n\r\n");
        return await client.ReadResponseAsync();
    }

    /// <summary>The response's fields as sent, in order, without those that differ between a miss and a hit.</summary>
    private static string[] Served(RawResponse response) =>
        [.. response.Fields
            .Where(field => field.Key is not ("Age" or "Cache-Status" or "Date" or "Via" or "Server" or "Transfer-Encoding" or "Content-Length"))
            .Select(field => $"{field.Key}: {field.Value}")];

    private static string Detail(string? cacheStatus) => cacheStatus!.Contains("; hit", StringComparison.Ordinal) ? "hit" : cacheStatus;
}
