// A synthetic web trace: object popularity is Zipf(alpha) over N objects (rank 1 the most popular), object
// sizes are log-normal (median 8 KiB, sigma 2, clamped to 100 B .. 1 MB) and independent of popularity.
// Everything comes from one seeded Random, so a run is reproducible.
namespace Lacquer.Bench.EvictionReplay;

internal sealed class Trace
{
    private Trace(int[] requests, int[] objectClass)
    {
        Requests = requests;
        ObjectClass = objectClass;
    }

    /// <summary>The object id of each request, in order.</summary>
    public int[] Requests { get; }

    /// <summary>Each object's size class (see <see cref="SizeClasses"/>).</summary>
    public int[] ObjectClass { get; }

    public static Trace Generate(int objects, int requests, double alpha, int seed, SizeClasses sizes)
    {
        var random = new Random(seed);
        var objectClass = new int[objects];
        var mu = Math.Log(8 * 1024);
        const double sigma = 2.0;
        for (var i = 0; i < objects; i++)
        {
            objectClass[i] = sizes.ClassOf(Math.Exp(mu + (sigma * Normal(random))));
        }

        var cdf = new double[objects];
        double total = 0;
        for (var i = 0; i < objects; i++)
        {
            total += 1.0 / Math.Pow(i + 1, alpha);
            cdf[i] = total;
        }

        var trace = new int[requests];
        for (var r = 0; r < requests; r++)
        {
            var index = Array.BinarySearch(cdf, random.NextDouble() * total);
            trace[r] = Math.Min(index >= 0 ? index : ~index, objects - 1);
        }

        return new Trace(trace, objectClass);
    }

    /// <summary>Box–Muller standard normal.</summary>
    private static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
