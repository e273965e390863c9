// "insert-timing [count]": how long single inserts take while a store grows from empty to count objects of
// 1 KiB under unique URLs (the miss scenario, /m/<n>, one tag), one thread. Prints every insert slower than
// 5 ms with the object count at which it happened and the collections so far, then the total: a store that
// pauses all fills at some sizes shows there (the miss path's tail, docs/performance.md "Misses").
using System.Diagnostics;
using System.Globalization;
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Benchmarks.Fixtures;

internal static class InsertTiming
{
    public static int Run(int count)
    {
        var zone = BenchZones.Create();
        var maxBytes = long.MaxValue / 2;
        var store = new CacheStore(maxBytes, new S3FifoEvictionPolicy(maxBytes));
        var zoneCache = store.ZoneCache(zone.Id);
        var template = BenchZones.TypicalHeaders;
        var watch = new Stopwatch();
        var total = Stopwatch.StartNew();
        double slowSum = 0;
        var slow = 0;
        for (var i = 0; i < count; i++)
        {
            var headers = new KeyValuePair<string, StringValues>[template.Length];
            for (var h = 0; h < template.Length; h++)
            {
                headers[h] = new(template[h].Key, new StringValues([new string(template[h].Value.ToString())]));
            }

            var key = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1/m/20261203-r1-1-{i}");
            var entry = BenchZones.Entry(zoneCache, key, new byte[1024], [], headers);
            watch.Restart();
            store.Insert(entry, null, CacheSettings.DefaultMaxVariants);
            var ms = watch.Elapsed.TotalMilliseconds;
            if (ms > 5)
            {
                slow++;
                slowSum += ms;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"insert at {i,9} objects: {ms,8:F1} ms   gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)}"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count} inserts in {total.Elapsed.TotalSeconds:F2} s; {slow} over 5 ms, {slowSum:F0} ms in them; gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)}"));
        GC.KeepAlive(store);
        return 0;
    }
}
