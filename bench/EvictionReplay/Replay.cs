// Drives the real CacheStore with a trace: each request is a Lookup; a miss inserts an entry of the object's
// size (the body is the size class's shared array), exactly as the proxy's fill would, so eviction, byte
// accounting and the policy seam are the production code paths. Hits and bytes count the object's body size.
using System.Diagnostics;
using Lacquer.Caching.Keys;
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Bench.EvictionReplay;

internal static class Replay
{
    private static readonly KeyValuePair<string, StringValues>[] Headers = [new("Content-Type", new StringValues("application/octet-stream"))];

    public static Zone CreateZone() => new(new ZoneSettings(
        Name: "replay",
        Id: "0123456789abcdef0123456789abcdef",
        Hosts: ["replay.example"],
        Origin: new Uri("http://127.0.0.1:9"),
        CacheKeyHeaders: [],
        TagHeaders: [],
        DefaultTtl: TimeSpan.Zero,
        MaxHeuristicTtl: TimeSpan.FromDays(1),
        CacheSetCookie: false,
        OriginTimeout: TimeSpan.FromSeconds(30)));

    public static string[] Keys(int objects)
    {
        var keys = new string[objects];
        for (var i = 0; i < objects; i++)
        {
            keys[i] = $"http://replay.example/objects/{i}";
        }

        return keys;
    }

    /// <summary>Sum of what the store would charge for every object once: the working set in store bytes.</summary>
    public static long WorkingSetBytes(string[] keys, Trace trace, SizeClasses sizes)
    {
        long total = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            total += EntrySize.Of(keys[i], new StoredFields(Headers, null, null), sizes.SizeOf(trace.ObjectClass[i]), [], []);
        }

        return total;
    }

    public static ReplayResult Run(string name, IEvictionPolicy policy, long maxBytes, string[] keys, Trace trace, SizeClasses sizes)
    {
        var zone = CreateZone();
        var store = new CacheStore(maxBytes, policy);
        var zoneCache = store.ZoneCache(zone.Id);
        var request = new NoRequestFields();
        long hits = 0;
        long requestedBytes = 0;
        long hitBytes = 0;
        var clock = Stopwatch.StartNew();
        foreach (var id in trace.Requests)
        {
            var sizeClass = trace.ObjectClass[id];
            long bytes = sizes.SizeOf(sizeClass);
            requestedBytes += bytes;
            if (store.Lookup(keys[id], request).Entry is not null)
            {
                hits++;
                hitBytes += bytes;
                continue;
            }

            store.Insert(NewEntry(zoneCache, keys[id], sizes.BodyOf(sizeClass)), ticket: null, zone.MaxVariants);
        }

        clock.Stop();
        return new ReplayResult(name, trace.Requests.Length, hits, requestedBytes, hitBytes, zoneCache.Evictions, clock.Elapsed);
    }

    private static CacheEntry NewEntry(ZoneCache zone, string key, byte[] body) => new()
    {
        PrimaryKey = key,
        ZoneCache = zone,
        VaryNames = [],
        VaryValues = [],
        Status = 200,
        Headers = Headers,
        Body = body,
        Tags = [],
        ResponseTime = DateTimeOffset.UnixEpoch,
        CorrectedInitialAge = TimeSpan.Zero,
        FreshnessLifetime = TimeSpan.FromDays(365),
    };
}
