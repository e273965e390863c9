// token and access_token as Flextype's Api::validateApiRequest sees them: array_merge(query, parsed body),
// so a body value wins over the query's. Bodies: JSON (application/json, */*+json) and forms
// (application/x-www-form-urlencoded), as Slim's BodyParsingMiddleware parses them; a body that does not
// parse counts as no body, as there (JSON is read by StrictJson, so text that is not Unicode or a repeated
// member name does not parse). A repeated query or form key takes its last value (PHP). A JSON value
// that is not a string counts as present but never matches (a number by its text); JSON null as absent.
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Lacquer.Purge.Api.Flextype;

internal sealed record FlextypeParameters(string? Token, string? AccessToken)
{
    public const string TokenName = "token";
    public const string AccessTokenName = "access_token";

    /// <summary>Deeper JSON bodies count as not parsing.</summary>
    public const int MaxDepth = 16;

    /// <returns>The parameters, or null when the body is larger than <paramref name="maxBodyBytes"/>.</returns>
    public static async Task<FlextypeParameters?> ReadAsync(HttpRequest request, int maxBodyBytes)
    {
        var body = await RequestBodies.ReadAsync(request, maxBodyBytes);
        if (body is null)
        {
            return null;
        }

        var token = Last(request.Query[TokenName]);
        var accessToken = Last(request.Query[AccessTokenName]);
        if (body.Length == 0)
        {
            return new(token, accessToken);
        }

        if (JsonMediaType.Is(request.ContentType))
        {
            ReadJson(body, ref token, ref accessToken);
        }
        else if (MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            && mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
            token = form.TryGetValue(TokenName, out var formToken) ? Last(formToken) : token;
            accessToken = form.TryGetValue(AccessTokenName, out var formAccess) ? Last(formAccess) : accessToken;
        }

        return new(token, accessToken);
    }

    private static void ReadJson(byte[] body, ref string? token, ref string? accessToken)
    {
        // Not strict JSON (StrictJson: also text that is not Unicode, or a repeated name): no body, as a body
        // that json_decode refuses is for Slim.
        using var document = StrictJson.TryParse(body, MaxDepth);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (document.RootElement.TryGetProperty(TokenName, out var tokenValue))
        {
            token = Text(tokenValue);
        }

        if (document.RootElement.TryGetProperty(AccessTokenName, out var accessValue))
        {
            accessToken = Text(accessValue);
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => string.Empty,
    };

    private static string? Last(StringValues values) => values.Count == 0 ? null : values[^1];
}
