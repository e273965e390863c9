// Builds zones and entries for the store tests: entries under keys of the form "http://<host>/<path>",
// with a body of a given length and optional Vary selection and tags, sized the way the store sizes them.
using Lacquer.Configuration;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Caching.Store;

internal static class StoreWorld
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static Zone Zone(string name = "a", int maxVariants = CacheSettings.DefaultMaxVariants) =>
        new(TestZones.Settings(name) with { MaxVariants = maxVariants });

    public static string Key(Zone zone, string path) => $"http://{zone.Hosts[0]}{path}";

    public static CacheEntry Entry(
        Zone zone,
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
        Zone zone,
        TimeSpan freshness,
        int bodyLength = 100,
        string[]? varyNames = null,
        string?[]? varyValues = null,
        string[]? tags = null) => new()
        {
            PrimaryKey = key,
            Zone = zone,
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
        EntrySize.Of(entry.PrimaryKey, entry.Headers, entry.Body.Length, entry.Tags, entry.VaryValues);

    /// <summary>Request headers carrying the given fields.</summary>
    public static HeaderDictionary Request(params (string Name, string Value)[] fields)
    {
        var headers = new HeaderDictionary();
        foreach (var (name, value) in fields)
        {
            headers.Append(name, value);
        }

        return headers;
    }
}
