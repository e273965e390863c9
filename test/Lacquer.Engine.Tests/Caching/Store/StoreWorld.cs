// Builds zones and entries for the store tests: entries under keys of the form "http://<zone>.example/<path>",
// with a body of a given length and optional Vary selection and tags, sized the way the store sizes them. A
// zone is what the store keeps for it (ZoneCache), named by its id.
using Lacquer.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Lacquer.Zones;

namespace Lacquer.Caching.Store;

internal static class StoreWorld
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The variant bound a zone has unless a test sets another.</summary>
    public const int MaxVariants = CacheSettings.DefaultMaxVariants;

    public static ZoneCache Zone(string name = "a") => new(name);

    /// <summary>The zone's one host.</summary>
    public static string Host(ZoneCache zone) => zone.ZoneId + ".example";

    public static string Key(ZoneCache zone, string path) => $"http://{Host(zone)}{path}";

    public static CacheEntry Entry(
        ZoneCache zone,
        string path,
        int bodyLength = 100,
        string[]? varyNames = null,
        string?[]? varyValues = null,
        string[]? tags = null) =>
        EntryUnder(Key(zone, path), zone, TimeSpan.FromMinutes(1), bodyLength, varyNames, varyValues, tags);

    /// <summary>
    /// A 200 text/plain entry stored under <paramref name="key"/> as received at <see cref="Now"/>, fresh for
    /// <paramref name="freshness"/>: the one way the store and purge tests build an entry.
    /// </summary>
    public static CacheEntry EntryUnder(
        string key,
        ZoneCache zone,
        TimeSpan freshness,
        int bodyLength = 100,
        string[]? varyNames = null,
        string?[]? varyValues = null,
        string[]? tags = null) => new()
        {
            PrimaryKey = key,
            ZoneCache = zone,
            VaryNames = varyNames ?? [],
            VaryValues = varyValues ?? [],
            Status = 200,
            Headers = [new("Content-Type", new StringValues("text/plain"))],
            Body = new byte[bodyLength],
            Tags = tags ?? [],
            ResponseTime = Now,
            CorrectedInitialAge = TimeSpan.Zero,
            FreshnessLifetime = freshness,
        };

    /// <summary>What the store will charge for <paramref name="entry"/> (it sets Size itself on insert).</summary>
    public static long SizeOf(CacheEntry entry) =>
        EntrySize.Of(entry.PrimaryKey, entry.Fields, entry.Body.Length, entry.Tags, entry.VaryValues);

    /// <summary>A request carrying the given fields, as the proxy hands it to the store.</summary>
    public static RequestHeaderFields Request(params (string Name, string Value)[] fields)
    {
        var headers = new HeaderDictionary();
        foreach (var (name, value) in fields)
        {
            headers.Append(name, value);
        }

        return new RequestHeaderFields(headers);
    }
}
