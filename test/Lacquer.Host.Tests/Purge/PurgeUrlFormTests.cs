// A URL purge names the cache key that the same URL stored. The key holds the request target exactly as the
// client sent it, so a purge must not rewrite the URL the way System.Uri does (unescaping %7E, upper-casing
// percent-encodings, resolving dot segments): otherwise it answers success and the content stays.
// The client here sends its targets verbatim (DangerousDisablePathAndQueryCanonicalization), as curl does.
using System.Text;
using Lacquer.Harness;
using Lacquer.Purge.Api.Cloudflare;

namespace Lacquer.Purge;

public sealed class PurgeUrlFormTests
{
    [Theory]
    [InlineData("/%7Euser")]
    [InlineData("/caf%c3%a9")]
    [InlineData("/a/./b")]
    [InlineData("/p?q=%7e")]
    [InlineData("/plain")]
    public async Task PURGE_Of_The_Target_A_Client_Sent_Removes_What_It_Stored(string target)
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet(target).Reply(200, "v1", "Cache-Control: max-age=3600");
        c.Origin.OnGet(target).Reply(200, "v2", "Cache-Control: max-age=3600");
        using var http = VerbatimClient();

        (await SendAsync(http, c, "GET", target)).ExpectMiss().ExpectBody("v1");
        (await SendAsync(http, c, "GET", target)).ExpectHit().ExpectBody("v1");
        var purge = (await SendAsync(http, c, "PURGE", target)).ExpectStatus(200);
        Assert.Contains("\"purged\":1", purge.Text, StringComparison.Ordinal);
        (await SendAsync(http, c, "GET", target)).ExpectMiss().ExpectBody("v2");
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("/%7Euser")]
    [InlineData("/caf%c3%a9")]
    [InlineData("/plain")]
    public async Task Cloudflare_Files_Purge_Of_The_Url_A_Client_Fetched_Removes_It(string target)
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet(target).Reply(200, "v1", "Cache-Control: max-age=3600");
        c.Origin.OnGet(target).Reply(200, "v2", "Cache-Control: max-age=3600");
        using var http = VerbatimClient();
        var zone = c.Server.Proxy.Zones.Zones[0];

        (await SendAsync(http, c, "GET", target)).ExpectMiss().ExpectBody("v1");
        var json = $$"""{"files":["http://{{TestSettings.Host}}{{target}}"]}""";
        var (command, error) = CloudflarePurgeBody.Parse(Encoding.UTF8.GetBytes(json), zone, 100);
        Assert.Null(error);
        var record = c.Server.Purges.Purge(command!, "test", CloudflarePurgeEndpoint.Surface);

        Assert.Equal(1, record.Matched);
        (await SendAsync(http, c, "GET", target)).ExpectMiss().ExpectBody("v2");
        c.Origin.ExpectAllConsumed();
    }

    private static HttpClient VerbatimClient() =>
        new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };

    private static async Task<Exchange> SendAsync(HttpClient http, Conversation c, string method, string target)
    {
        var uri = new Uri(
            new Uri(c.Server.ProxyUri, "/").ToString().TrimEnd('/') + target,
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(new HttpMethod(method), uri);
        request.Headers.Host = TestSettings.Host;
        using var response = await http.SendAsync(request);
        return new Exchange(response, await response.Content.ReadAsByteArrayAsync());
    }
}
