// "memory [count]": the managed bytes one stored object really costs, measured in-process with a forced
// full GC between stages, for count objects of 1 KiB (default 1M). Each entry gets its own copies of the
// header strings, key and tag, as entries filled from an origin do. Stages:
//   1. the entries themselves (CacheEntry, body, header arrays and strings, key, tag, key parts);
//   2. inserted into a store (slot dictionary, slot, variant array, the zone's purge indexes), net of
//      what the store saves by sharing the entries' repeated strings on insert (SharedStrings);
//   3. the same entries added to a second, empty ZoneIndex: the purge indexes' share of stage 2.
// With "unique-etag", every object gets its own ETag of the template's length, as most origins send.
// The payload is the body plus the HTTP/1.1 wire size of the stored fields; everything else is overhead.
// bench/memory.sh measures the same through the real listener (RSS), GC slack and runtime included.
using System.Globalization;
using Lacquer.Caching.Indexes;
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Benchmarks.Fixtures;

internal static class MemoryFootprint
{
    /// <param name="uniqueEtags">Give every object its own ETag, as most origins do (bench/memory.sh's origin does not).</param>
    public static int Run(int count, string policy, bool uniqueEtags)
    {
        var zone = BenchZones.Create();
        var maxBytes = long.MaxValue / 2;
        IEvictionPolicy eviction = policy == "lru" ? new LruEvictionPolicy() : new S3FifoEvictionPolicy(maxBytes);
        var store = new CacheStore(maxBytes, eviction);
        var zoneCache = store.ZoneCache(zone.Id);
        var start = GC.GetTotalMemory(forceFullCollection: true);

        var entries = new CacheEntry[count];
        long payload = 0;
        for (var i = 0; i < count; i++)
        {
            var headers = CopyHeaders(uniqueEtags ? i : null);
            entries[i] = new CacheEntry
            {
                PrimaryKey = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1/mem/{i}"),
                ZoneCache = zoneCache,
                VaryNames = [],
                VaryValues = [],
                Status = 200,
                Headers = headers,
                Body = new byte[1024],
                Tags = [string.Create(CultureInfo.InvariantCulture, $"m{i % 10}")],
                ResponseTime = DateTimeOffset.UtcNow,
                CorrectedInitialAge = TimeSpan.Zero,
                FreshnessLifetime = TimeSpan.FromDays(1),
            };
            payload += 1024 + WireBytes(headers);
        }

        var afterEntries = GC.GetTotalMemory(forceFullCollection: true);
        foreach (var entry in entries)
        {
            store.Insert(entry, null, CacheSettings.DefaultMaxVariants);
        }

        var afterStore = GC.GetTotalMemory(forceFullCollection: true);
        var index = new ZoneIndex();
        foreach (var entry in entries)
        {
            index.Add(entry);
        }

        var afterIndex = GC.GetTotalMemory(forceFullCollection: true);

        double Per(long bytes) => (double)bytes / count;
        var entryBytes = Per(afterEntries - start) - 8; // minus this tool's own array slot
        var storeBytes = Per(afterStore - afterEntries);
        var indexBytes = Per(afterIndex - afterStore);
        var payloadBytes = Per(payload);
        Console.WriteLine($"eviction policy                      {policy,10}");
        Console.WriteLine($"ETag per object                      {(uniqueEtags ? "own" : "shared"),10}");
        Line("objects", count);
        Line("payload (body + header wire bytes)", payloadBytes);
        Line("entries as filled, beyond payload", entryBytes - payloadBytes);
        Line("store structures net of sharing", storeBytes - indexBytes);
        Line("purge indexes (tag + path)", indexBytes);
        Line("overhead per object, total", entryBytes - payloadBytes + storeBytes);
        Line("EntrySize charge per object", Per(store.StoredBytes));
        GC.KeepAlive(store);
        GC.KeepAlive(index);
        GC.KeepAlive(entries);
        return 0;
    }

    private static void Line(string label, double value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-36} {value,10:F0}"));

    /// <summary>The fields a 1 KiB object from bench's origin is stored with, as fresh strings (what a fill stores).</summary>
    private static KeyValuePair<string, StringValues>[] CopyHeaders(int? etagSeed)
    {
        var template = BenchZones.TypicalHeaders;
        var copy = new KeyValuePair<string, StringValues>[template.Length];
        for (var i = 0; i < template.Length; i++)
        {
            var value = template[i].Key == "ETag" && etagSeed is { } seed
                ? string.Create(CultureInfo.InvariantCulture, $"\"{seed % 0x10000:x4}-{seed + 0x10000000:x8}\"") // as long as the template's
                : new string(template[i].Value.ToString());
            copy[i] = new(template[i].Key, new StringValues([value]));
        }

        return copy;
    }

    private static long WireBytes(KeyValuePair<string, StringValues>[] headers)
    {
        long bytes = 0;
        foreach (var (name, value) in headers)
        {
            bytes += name.Length + 2 + value.ToString().Length + 2;
        }

        return bytes;
    }
}
