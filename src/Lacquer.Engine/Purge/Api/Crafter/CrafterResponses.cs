// Crafter's response envelope, {"message":"…"} (RestControllerBase.createResponseMessage), with the exact
// messages of docs/compat.md, "Crafter". The 400 for a missing parameter uses the documented (Spring ≤5.2) wording.
using Microsoft.AspNetCore.Http;

namespace Lacquer.Purge.Api.Crafter;

internal static class CrafterResponses
{
    public const string ContentType = "application/json";

    public const string AllCleared = "All cache scopes have been cleared";

    public const string InvalidToken = "Management authorization failed, invalid token.";

    public const string InternalError = "Internal server error";

    public static string ContextCleared(string contextId) => $"Cache scope for context '{contextId}' has been cleared";

    public static string NoContext(string contextId) => $"No context found for ID {contextId}";

    public static string MissingParameter(string name) => $"Required String parameter '{name}' is not present";

    /// <summary>Spring's HttpRequestMethodNotSupportedException message (the contract gives no body for 405).</summary>
    public static string MethodNotSupported(string method) => $"Request method '{method}' not supported";

    public static Task WriteAsync(HttpContext context, int status, string message) =>
        ApiResponses.WriteJsonAsync(context, status, ContentType, writer => writer.WriteString("message", message));
}
