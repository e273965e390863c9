// The seed's CacheClearResponse (docs/compat.md, "Service cache"), camelCase, all six fields in model order:
//   {"status":"success","message":"…","clearedItems":[…],"timestamp":"2025-02-01T10:30:00Z","success":true,"entriesCleared":N}
// and the 404 for an unknown service in the same shape with status "error".
using System.Globalization;

namespace Lacquer.Purge.Api.ServiceCache;

internal static class ServiceCacheResponse
{
    public const string GlobalMessage = "Successfully cleared global cache";

    public static byte[] Cleared(string? serviceName, IReadOnlyList<string> clearedItems, long entriesCleared, DateTimeOffset at) =>
        Body(
            "success",
            serviceName is null ? GlobalMessage : "Successfully cleared cache for service: " + serviceName,
            clearedItems,
            at,
            entriesCleared);

    public static byte[] UnknownService(string serviceName, DateTimeOffset at) =>
        Body("error", "Unknown service: " + serviceName, [], at, 0);

    private static byte[] Body(string status, string message, IReadOnlyList<string> items, DateTimeOffset at, long entries) =>
        PythonJsonWriter.ToUtf8(PythonJsonObject.Of(
            ("status", status),
            ("message", message),
            ("clearedItems", items),
            ("timestamp", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            ("success", status == "success"),
            ("entriesCleared", PythonJsonNumber.Of(entries))));
}
