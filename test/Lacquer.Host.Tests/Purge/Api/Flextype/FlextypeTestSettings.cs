// Flextype settings for the conversations: the seed's token pair first, then entries for the other rows.
using Lacquer.Configuration;
using Lacquer.Security;

namespace Lacquer.Purge.Api.Flextype;

internal static class FlextypeTestSettings
{
    /// <summary>Flextype's documented example token, used as both token and access token.</summary>
    public const string Token = "efe1e36e4d60fcd547e22eb9f795dff9";

    public const string Clear = "/api/v1/cache/clear";

    public const string SeedQuery = Clear + "?token=" + Token + "&access_token=" + Token;

    public const string BadRequest = """{"title":"Bad Request","message":"Validation for this particular item failed","http_status_code":400}""";

    public const string Unauthorized = """{"title":"Unauthorized","message":"Token is wrong","http_status_code":401}""";

    public static LacquerSettings With(LacquerSettings settings, params FlextypeTokenSettings[] extra) =>
        settings with
        {
            Compat = settings.Compat with
            {
                Flextype = settings.Compat.Flextype with { Tokens = [Entry(Token, Token), .. extra] },
            },
        };

    public static LacquerSettings Seed(LacquerSettings settings) => With(settings);

    public static FlextypeTokenSettings Entry(string token, string accessToken, bool enabled = true, int limitCalls = 0) =>
        new(SecretHash.Of(token), SecretHash.Of(accessToken), enabled, limitCalls);
}
