// A bounded, lossy intern table for the short strings that many stored entries repeat: header names and
// values (Content-Type, Cache-Control, a Date shared by every fill of the same second), tags and Vary
// values. Without it every entry holds its own UTF-16 copy of each, which at 1M small objects costs several
// hundred bytes per object (docs/performance.md, Memory).
//
// Two-way set-associative (TwoWaySlots): values seen once (an ETag) just pass through, values that repeat
// stay or come back at their next occurrence.
//
// Memory: at most Slots strings of at most MaxLength characters (about 2.3 MB), held by the table alone only
// until their slot is reused; strings still referenced by entries are charged to each of those entries in
// full (EntrySize does not assume sharing), so cache.maxBytes stays an upper bound (invariant 2).
using Microsoft.Extensions.Primitives;

namespace Lacquer.Caching.Store;

internal sealed class SharedStrings
{
    /// <summary>Power of two, so a hash picks a set (two neighbouring slots) with a mask.</summary>
    public const int Slots = 8192;

    /// <summary>Longer strings are rarely shared (and would make the table's own memory large); they pass through.</summary>
    public const int MaxLength = 128;

    private readonly string?[] _slots = new string?[Slots];

    /// <summary>An equal string already held by the table, or <paramref name="value"/> (which then takes its slot).</summary>
    public string Share(string value)
    {
        if (value.Length is 0 or > MaxLength)
        {
            return value.Length == 0 ? string.Empty : value;
        }

        return TwoWaySlots.Share(_slots, value.GetHashCode(), value, static (held, given) => string.Equals(held, given, StringComparison.Ordinal));
    }

    /// <summary>
    /// <paramref name="values"/> with each string swapped for its shared copy: the same array when nothing
    /// changes, otherwise a new one (arrays given to the store may be shared with others, so they are never written).
    /// </summary>
    public T[] ShareAll<T>(T[] values)
        where T : class?
    {
        T[]? shared = null;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is string value && Share(value) is var copy && !ReferenceEquals(copy, value))
            {
                shared ??= (T[])values.Clone();
                shared[i] = (T)(object)copy;
            }
        }

        return shared ?? values;
    }

    /// <summary>
    /// The field with its name and value shared. A single value is kept as a plain string: a StringValues
    /// wrapping a one-element array (as fills produce) costs that array, 32 bytes, per field.
    /// </summary>
    public KeyValuePair<string, StringValues> ShareField(KeyValuePair<string, StringValues> field)
    {
        var (name, value) = field;
        return new(Share(name), value.Count == 1
            ? new StringValues(value[0] is { } single ? Share(single) : null)
            : new StringValues(ShareAll(value.ToArray())));
    }
}
