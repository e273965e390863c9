// Zones and stored entries shaped like real traffic, shared by the benchmarks: a zone with the default tag
// headers, entries with the fields a typical origin sends, tiny bodies where the count matters more than size.
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Lacquer.Zones;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Benchmarks.Fixtures;

internal static class BenchZones
{
    public const string Host = "www.example.com";

    /// <summary>The stored fields of a typical 200 from an origin (what OriginHead.StoredFields keeps).</summary>
    public static readonly KeyValuePair<string, StringValues>[] TypicalHeaders =
    [
        new("Content-Type", "text/html; charset=utf-8"),
        new("Cache-Control", "public, max-age=3600"),
        new("ETag", "\"5f3c-1a2b3c4d\""),
        new("Last-Modified", "Tue, 01 Jul 2025 10:00:00 GMT"),
        new("Date", "Wed, 02 Jul 2025 10:00:00 GMT"),
    ];

    public static Zone Create(params string[] cacheKeyHeaders) => new(new ZoneSettings(
        "bench",
        "0123456789abcdef0123456789abcdef",
        [Host],
        new Uri("http://127.0.0.1:9"),
        cacheKeyHeaders,
        TagHeaderSettings.Defaults,
        TimeSpan.Zero,
        TimeSpan.FromDays(1),
        false,
        TimeSpan.FromSeconds(30)));

    /// <param name="headers">The stored fields; null: the one shared TypicalHeaders array.</param>
    public static CacheEntry Entry(ZoneCache zone, string primaryKey, byte[] body, string[] tags, KeyValuePair<string, StringValues>[]? headers = null) => new()
    {
        PrimaryKey = primaryKey,
        ZoneCache = zone,
        VaryNames = [],
        VaryValues = [],
        Status = 200,
        Headers = headers ?? TypicalHeaders,
        Body = body,
        Tags = tags,
        ResponseTime = DateTimeOffset.UtcNow,
        CorrectedInitialAge = TimeSpan.Zero,
        FreshnessLifetime = TimeSpan.FromDays(1),
    };

    public static string Key(int i) => $"http://{Host}/products/{i % 1000}/item-{i}";

    /// <summary>Makes an entry that left the store insertable again (the store marks removed entries once).</summary>
    public static CacheEntry Reset(CacheEntry entry)
    {
        entry.Removed = false;
        entry.SoftPurged = false;
        entry.Purged = false;
        return entry;
    }
}
