// The Age field's value on a hit (RFC 9111 §5.1), formatted once per distinct value rather than once per hit.
// A direct-mapped table: the age in seconds picks a slot, which holds the last value formatted there. All hits
// on an entry within one second share one string, so a hot entry costs one small string a second, not one per
// hit. Lock-free: a slot is one reference to an immutable pair, so a reader sees a whole pair or the old one.
// Memory: at most Slots pairs of a number and its text, about 300 KB, for the whole process.
using System.Globalization;

namespace Lacquer.Proxy;

internal static class AgeField
{
    /// <summary>Power of two, so a value picks its slot with a mask; an hour of consecutive ages fits without collisions.</summary>
    private const int Slots = 4096;

    private static readonly Formatted?[] Recent = new Formatted?[Slots];

    public static string Text(long seconds)
    {
        ref var slot = ref Recent[seconds & (Slots - 1)];
        var held = Volatile.Read(ref slot);
        if (held is not null && held.Seconds == seconds)
        {
            return held.Text;
        }

        var formatted = new Formatted(seconds, seconds.ToString(CultureInfo.InvariantCulture));
        Volatile.Write(ref slot, formatted);
        return formatted.Text;
    }

    private sealed record Formatted(long Seconds, string Text);
}
