// "memory [count] [s3fifo|lru] [shared|validators|unique]": the managed bytes one stored object really costs,
// measured in-process with a forced full GC between stages, for count objects of 1 KiB (default 1M). Each entry
// gets its own copies of the header strings, key and tag, as entries filled from an origin do. Stages:
//   1. the entries themselves (CacheEntry, body, header arrays and strings, key, tag, key parts);
//   2. inserted into a store (slot dictionary, slot, variant array, the zone's purge indexes), net of
//      what the store saves by sharing the entries' repeated strings on insert (SharedStrings);
//   3. the same entries added to a second, empty ZoneIndex: the purge indexes' share of stage 2.
// Validators: "shared" gives every object the same ETag and Last-Modified (one file behind every URL);
// "validators" (the default) gives each its own ETag and one of 1,000 Last-Modified dates, as bench/origin.conf's
// /mem/<n> does; "unique" gives each its own ETag and its own Last-Modified.
// The payload is the body plus the HTTP/1.1 wire size of the stored fields; everything else is overhead.
// bench/memory.sh measures the same through the real listener (PSS and RSS), GC slack and runtime included.
using System.Globalization;
using Lacquer.Caching.Indexes;
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Benchmarks.Fixtures;

internal static class MemoryFootprint
{
    /// <summary>How the objects' ETag and Last-Modified differ: "shared", "validators" or "unique" (see above).</summary>
    public static readonly string[] ValidatorModes = ["shared", "validators", "unique"];

    public static int Run(int count, string policy, string validators)
    {
        if (!ValidatorModes.Contains(validators))
        {
            Console.Error.WriteLine($"memory: the validators are one of {string.Join(", ", ValidatorModes)}, not \"{validators}\"");
            return 2;
        }

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
            var headers = CopyHeaders(i, validators);
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
        Console.WriteLine($"ETag and Last-Modified               {validators,10}");
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
    private static KeyValuePair<string, StringValues>[] CopyHeaders(int i, string validators)
    {
        var template = BenchZones.TypicalHeaders;
        var copy = new KeyValuePair<string, StringValues>[template.Length];
        for (var f = 0; f < template.Length; f++)
        {
            var value = (template[f].Key, validators) switch
            {
                ("ETag", not "shared") => string.Create(CultureInfo.InvariantCulture, $"\"5{1_000_000 + i}-400\""),
                ("Last-Modified", "validators") => LastModified(i % 1000),
                ("Last-Modified", "unique") => LastModified(i),
                _ => new string(template[f].Value.ToString()),
            };
            copy[f] = new(template[f].Key, new StringValues([value]));
        }

        return copy;
    }

    /// <summary>As bench/lib.sh makes the origin's dates: one day and 37 minutes apart from 2020-01-01.</summary>
    private static string LastModified(int n) =>
        new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(n).AddMinutes(n * 37L).ToString("r", CultureInfo.InvariantCulture);

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
