// Object sizes come in geometric classes (5% apart, 100 B to 1 MB) so that every object of a class can share
// one body array: the store charges Body.Length, so bodies must be real arrays, but entries are immutable and
// never write to them, so sharing is safe and keeps the replay's memory at the entries plus ~21 MB of bodies.
namespace Lacquer.Bench.EvictionReplay;

internal sealed class SizeClasses
{
    public const int Smallest = 100;

    public const int Largest = 1_000_000;

    private const double Step = 1.05;

    private readonly int[] _sizes;
    private readonly byte[][] _bodies;

    public SizeClasses()
    {
        var sizes = new List<int>();
        for (double size = Smallest; size < Largest; size *= Step)
        {
            sizes.Add((int)size);
        }

        sizes.Add(Largest);
        _sizes = [.. sizes];
        _bodies = new byte[_sizes.Length][];
        for (var i = 0; i < _sizes.Length; i++)
        {
            _bodies[i] = new byte[_sizes[i]];
        }
    }

    public int Count => _sizes.Length;

    public int SizeOf(int sizeClass) => _sizes[sizeClass];

    public byte[] BodyOf(int sizeClass) => _bodies[sizeClass];

    /// <summary>The class whose size is nearest above <paramref name="bytes"/> (clamped to the range).</summary>
    public int ClassOf(double bytes)
    {
        var index = Array.BinarySearch(_sizes, (int)Math.Clamp(bytes, Smallest, Largest));
        return index >= 0 ? index : Math.Min(~index, _sizes.Length - 1);
    }
}
