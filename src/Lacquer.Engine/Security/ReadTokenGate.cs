// The gate of the admin listener's read-only reports (the purge log, the zone list): the caller presents a
// token with the read permission as "Authorization: Bearer <secret>". No or an unknown token answers 401, a
// known token without the permission 403, both as {"error":"…"} JSON that never repeats what was presented.
using Lacquer.Configuration;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Security;

internal static class ReadTokenGate
{
    /// <summary>The caller's token when it may read; otherwise null, and the 401/403 has been written.</summary>
    public static async Task<ApiToken?> AuthorizeAsync(HttpContext context, TokenStore tokens)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? tokens.Find(authorization["Bearer ".Length..].Trim())
            : null;
        if (token is not null && token.Has(TokenSettings.ReadPermission))
        {
            return token;
        }

        context.Response.StatusCode = token is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(token is null
            ? "{\"error\":\"A token with the read permission is required (Authorization: Bearer).\"}"
            : "{\"error\":\"This token lacks the read permission.\"}");
        return null;
    }
}
