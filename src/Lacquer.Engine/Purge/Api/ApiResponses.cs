// Writes a complete response of the seed endpoints: status, content type, Content-Length and the bytes.
// A HEAD request gets the same status and headers without the body. JSON built with Utf8JsonWriter uses the
// relaxed encoder, so apostrophes and non-ASCII text stay as they are (Jackson and PHP do not escape them).
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Purge.Api;

internal static class ApiResponses
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, int status, string? contentType, ReadOnlyMemory<byte> body)
    {
        var response = context.Response;
        response.StatusCode = status;
        if (contentType is not null)
        {
            response.ContentType = contentType;
        }

        if (status == StatusCodes.Status204NoContent)
        {
            return;
        }

        response.ContentLength = body.Length;
        if (body.Length > 0 && !HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    /// <summary>Writes the JSON object whose members <paramref name="members"/> writes.</summary>
    public static async Task WriteJsonAsync(HttpContext context, int status, string contentType, Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Relaxed))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        await WriteAsync(context, status, contentType, buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }
}
