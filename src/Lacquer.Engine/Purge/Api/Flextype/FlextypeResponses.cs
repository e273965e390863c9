// Flextype's API envelope (Endpoints/Api.php), compact JSON with Content-Type application/json;charset=UTF-8:
//   400 {"title":"Bad Request","message":"Validation for this particular item failed","http_status_code":400}
//   401 {"title":"Unauthorized","message":"Token is wrong","http_status_code":401}
// 405 and 413 are not in the seed; they use the same envelope (Slim's wording for 405).
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Lacquer.Purge.Api.Flextype;

internal static class FlextypeResponses
{
    public const string ContentType = "application/json;charset=UTF-8";

    public static Task BadRequestAsync(HttpContext context) =>
        ErrorAsync(context, StatusCodes.Status400BadRequest, "Bad Request", "Validation for this particular item failed");

    public static Task UnauthorizedAsync(HttpContext context) =>
        ErrorAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", "Token is wrong");

    public static Task MethodNotAllowedAsync(HttpContext context)
    {
        context.Response.Headers.Allow = "GET, POST";
        return ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "Method Not Allowed", "The request method is not supported for the requested resource.");
    }

    public static Task TooLargeAsync(HttpContext context, int maxBytes) =>
        ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "Payload Too Large", $"The request body is larger than {maxBytes} bytes");

    /// <summary>200 with <c>{}</c> (the documented example) or 204 with no body (what Flextype sends).</summary>
    public static Task SuccessAsync(HttpContext context, int status) =>
        status == StatusCodes.Status204NoContent
            ? ApiResponses.WriteAsync(context, status, ContentType, ReadOnlyMemory<byte>.Empty)
            : ApiResponses.WriteJsonAsync(context, status, ContentType, _ => { });

    /// <summary>A malformed Lacquer-Purge-Wait, or a purge the cluster did not confirm (docs/cluster.md), in the same envelope.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string message) =>
        ErrorAsync(context, status, ReasonPhrases.GetReasonPhrase(status), message);

    private static Task ErrorAsync(HttpContext context, int status, string title, string message) =>
        ApiResponses.WriteJsonAsync(context, status, ContentType, writer =>
        {
            writer.WriteString("title", title);
            writer.WriteString("message", message);
            writer.WriteNumber("http_status_code", status);
        });
}
