// Whether a Content-Type names JSON the way FastAPI and Slim test it: application/json or application/*+json,
// any case, parameters allowed (application/json; charset=utf-8).
using Microsoft.Net.Http.Headers;

namespace Lacquer.Purge.Api;

internal static class JsonMediaType
{
    public static bool Is(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
        && (mediaType.SubType.Equals("json", StringComparison.OrdinalIgnoreCase)
            || mediaType.SubType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
