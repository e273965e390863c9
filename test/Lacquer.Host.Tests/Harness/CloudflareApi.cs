// The Cloudflare-compatible purge API as a test talks to it on the admin listener (docs/compat.md, "Cloudflare purge_cache"):
//   (await c.Admin.CloudflarePurge("""{"tags":["red"]}""")).ExpectCloudflareSuccess();
//   (await c.Admin.CloudflarePurge("{}")).ExpectCloudflareError(400, 1012, "…");
// Bodies are sent as given (the raw JSON text), so tests control every byte the endpoint parses.
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Lacquer.Harness;

internal static class CloudflareApi
{
    /// <summary>The whole success envelope; the purge id is 32 lower-case hex digits.</summary>
    public const string SuccessPattern = """\{"success":true,"errors":\[\],"messages":\[\],"result":\{"id":"[0-9a-f]{32}"\}\}""";

    public static string PurgePath(string zoneId) => $"/client/v4/zones/{zoneId}/purge_cache";

    /// <summary>POST /client/v4/zones/{zoneId}/purge_cache with "Authorization: Bearer <paramref name="token"/>".</summary>
    public static Task<Exchange> CloudflarePurge(this ProxyClient admin, string json, string token = PurgeTestSettings.Secret, string zoneId = TestSettings.ZoneId) =>
        admin.CloudflareSend("POST", PurgePath(zoneId), json, $"Authorization: Bearer {token}");

    /// <summary>Any method and path, a JSON body (null for none) and the given header lines, credentials included.</summary>
    public static Task<Exchange> CloudflareSend(this ProxyClient admin, string method, string path, string? json, params string[] headers)
    {
        HttpContent? content = null;
        if (json is not null)
        {
            content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return admin.Send(method, path, content, headers);
    }

    /// <summary>200 with exactly the success envelope.</summary>
    public static Exchange ExpectCloudflareSuccess(this Exchange exchange) =>
        exchange.ExpectStatus(200).ExpectJsonMatching(SuccessPattern);

    /// <summary>The status and exactly the error envelope; <paramref name="jsonMessage"/> is the message as it appears in the JSON text.</summary>
    public static Exchange ExpectCloudflareError(this Exchange exchange, int status, int code, string jsonMessage) =>
        exchange.ExpectStatus(status).ExpectJson(ErrorBody(code, jsonMessage));

    public static string ErrorBody(int code, string jsonMessage) =>
        $$"""{"success":false,"errors":[{"code":{{code}},"message":"{{jsonMessage}}"}],"messages":[],"result":null}""";

    /// <summary>The purge id of a success envelope.</summary>
    public static string PurgeId(this Exchange exchange)
    {
        using var document = JsonDocument.Parse(exchange.Body);
        return document.RootElement.GetProperty("result").GetProperty("id").GetString()!;
    }
}
