// dotnet run -c Release --project bench/Lacquer.Benchmarks -- [BenchmarkDotNet arguments]
//   e.g. --filter '*HitPath*' --job short; --list flat to see every benchmark.
// dotnet run -c Release --project bench/Lacquer.Benchmarks -- memory [count] [s3fifo|lru] [shared|validators|unique]
//   the managed cost of one stored object (see Fixtures/MemoryFootprint.cs); S3-FIFO, as shipped, by default.
// dotnet run -c Release --project bench/Lacquer.Benchmarks -- purge-timing [count] [repeats]
//   the purge targets with wall and CPU time and GC counts (see Fixtures/PurgeTiming.cs).
// dotnet run -c Release --project bench/Lacquer.Benchmarks -- insert-timing [count]
//   the slowest single inserts while a store grows to count objects (see Fixtures/InsertTiming.cs).
using System.Globalization;
using BenchmarkDotNet.Running;
using Lacquer.Benchmarks.Fixtures;

namespace Lacquer.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "memory")
        {
            return MemoryFootprint.Run(
                args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000,
                args.Length > 2 ? args[2] : "s3fifo",
                args.Length > 3 ? args[3] : "validators");
        }

        if (args.Length > 0 && args[0] == "purge-timing")
        {
            return PurgeTiming.Run(
                args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000,
                args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3);
        }

        if (args.Length > 0 && args[0] == "insert-timing")
        {
            return InsertTiming.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
