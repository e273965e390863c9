// EvictionReplay: byte and object hit ratios of LRU and S3-FIFO on a Zipf trace replayed through the real
// store. Usage: dotnet run -c Release -- [--objects 1000000] [--requests 10000000] [--alpha 0.9]
// [--cache-fraction 0.10] [--seed 42] [--promotion 1]
using System.Globalization;
using Lacquer.Bench.EvictionReplay;
using Lacquer.Caching.Store;

var options = Options.Parse(args);
var sizes = new SizeClasses();
Console.WriteLine($"Generating trace: {options.Requests:N0} requests over {options.Objects:N0} objects, Zipf({options.Alpha}), seed {options.Seed}");
var trace = Trace.Generate(options.Objects, options.Requests, options.Alpha, options.Seed, sizes);
var keys = Replay.Keys(options.Objects);
var workingSet = Replay.WorkingSetBytes(keys, trace, sizes);
var maxBytes = (long)(workingSet * options.CacheFraction);
Console.WriteLine($"Working set {workingSet:N0} store bytes; cache {maxBytes:N0} bytes ({options.CacheFraction:P0})");

var lru = Replay.Run("LRU", new LruEvictionPolicy(), maxBytes, keys, trace, sizes);
Report(lru);
var s3 = Replay.Run("S3-FIFO", new S3FifoEvictionPolicy(maxBytes, options.Promotion), maxBytes, keys, trace, sizes);
Report(s3);

Console.WriteLine();
Console.WriteLine("| policy | object hit ratio | byte hit ratio | evictions | replay time |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
foreach (var result in new[] { lru, s3 })
{
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"| {result.Policy} | {result.ObjectHitRatio:P2} | {result.ByteHitRatio:P2} | {result.Evictions:N0} | {result.Elapsed.TotalSeconds:F1} s |"));
}

Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"| S3-FIFO − LRU | {100 * (s3.ObjectHitRatio - lru.ObjectHitRatio):+0.00;-0.00} points | {100 * (s3.ByteHitRatio - lru.ByteHitRatio):+0.00;-0.00} points | | |"));

static void Report(ReplayResult result) =>
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{result.Policy}: object hit ratio {result.ObjectHitRatio:P2}, byte hit ratio {result.ByteHitRatio:P2}, {result.Evictions:N0} evictions, {result.Elapsed.TotalSeconds:F1} s"));
