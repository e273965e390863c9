// The Cloudflare v4 envelope, written byte for byte as docs/compat.md, "Cloudflare purge_cache" shows it:
//   {"success":true,"errors":[],"messages":[],"result":{"id":"…"}}
//   {"success":false,"errors":[{"code":N,"message":"…"}],"messages":[],"result":null}
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Purge.Api.Cloudflare;

internal static class CloudflareResponses
{
    public static Task WriteSuccessAsync(HttpContext context, string purgeId) =>
        WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteBoolean("success", true);
            writer.WriteStartArray("errors");
            writer.WriteEndArray();
            writer.WriteStartArray("messages");
            writer.WriteEndArray();
            writer.WriteStartObject("result");
            writer.WriteString("id", purgeId);
            writer.WriteEndObject();
        });

    public static Task WriteErrorAsync(HttpContext context, CloudflareError error, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return WriteAsync(context, error.Status, writer =>
        {
            writer.WriteBoolean("success", false);
            writer.WriteStartArray("errors");
            writer.WriteStartObject();
            writer.WriteNumber("code", error.Code);
            writer.WriteString("message", error.Message);
            if (error.ChainCode is { } chainCode)
            {
                writer.WriteStartArray("error_chain");
                writer.WriteStartObject();
                writer.WriteNumber("code", chainCode);
                writer.WriteString("message", error.ChainMessage);
                writer.WriteEndObject();
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteStartArray("messages");
            writer.WriteEndArray();
            writer.WriteNull("result");
        });
    }

    private static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }
}
