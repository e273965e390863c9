// A bounded, lossy table of the arrays many entries repeat: stored field lists, and tag or Vary-name lists,
// made of the same strings in the same order. It runs after SharedStrings, so equal contents are usually the
// very same string objects, and it compares references only. Entries from one origin whose stored fields are all shared
// (a Date of the same second; the per-object ETag and Last-Modified are held by the entry, StoredFields) then hold
// one array between them instead of one each (24 bytes plus 16 per field). Any other per-object value makes a
// list unshareable; such lists simply keep their own array.
//
// Two-way set-associative (TwoWaySlots): one origin's entries usually bring two lists at once (a tag list and
// a Vary-name list go through the same table), and with one slot per hash two lists that collided would evict
// each other on every fill, so neither would ever be shared. Shared arrays are never written again: the store
// only reads them, and SharedStrings.ShareField/ShareAll leave an array of shared strings unchanged (each
// element already is the table's copy or becomes its own slot's holder, the same reference).
//
// Memory: Slots arrays of at most MaxLength elements of at most SharedStrings.MaxLength characters (about
// 5 MB in the worst case, a few kilobytes in practice), held by the table alone only until their slot is
// reused. EntrySize still charges each entry its full field and tag list (invariant 2).
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Caching.Store;

internal sealed class SharedArrays
{
    /// <summary>Power of two, so a hash picks a set (two neighbouring slots) with a mask; lists that repeat are few (one or a handful per origin and second).</summary>
    public const int Slots = 256;

    /// <summary>Longer lists pass through unshared.</summary>
    public const int MaxLength = 32;

    private readonly KeyValuePair<string, StringValues>[]?[] _fields = new KeyValuePair<string, StringValues>[]?[Slots];
    private readonly string[]?[] _stringLists = new string[]?[Slots];

    /// <summary>An array held by the table with the same names and values (by reference), or <paramref name="fields"/>.</summary>
    public KeyValuePair<string, StringValues>[] Share(KeyValuePair<string, StringValues>[] fields)
    {
        if (fields.Length is 0 or > MaxLength)
        {
            return fields;
        }

        var hash = new HashCode();
        foreach (var (name, value) in fields)
        {
            if (value.Count != 1)
            {
                return fields;
            }

            hash.Add(RuntimeHelpers.GetHashCode(name));
            hash.Add(RuntimeHelpers.GetHashCode(value[0]));
        }

        return TwoWaySlots.Share(_fields, hash.ToHashCode(), fields, SameFields);
    }

    /// <summary>An array held by the table with the same strings (by reference), or <paramref name="strings"/>: tags, Vary names.</summary>
    public string[] Share(string[] strings)
    {
        if (strings.Length is 0 or > MaxLength)
        {
            return strings;
        }

        return TwoWaySlots.Share(_stringLists, HashOf(strings), strings,
            static (held, given) => held.AsSpan().SequenceEqual(given, ReferenceEqualityComparer.Instance));
    }

    /// <summary>The first slot of the set a string list (tags, Vary names) maps to.</summary>
    internal static int SetOf(string[] strings) => TwoWaySlots.SetOf(HashOf(strings), Slots);

    /// <summary>A string list's hash, from its strings' identities (they are SharedStrings' copies).</summary>
    private static int HashOf(string[] strings)
    {
        var hash = new HashCode();
        foreach (var text in strings)
        {
            hash.Add(RuntimeHelpers.GetHashCode(text));
        }

        return hash.ToHashCode();
    }

    private static bool SameFields(KeyValuePair<string, StringValues>[] held, KeyValuePair<string, StringValues>[] fields)
    {
        if (held.Length != fields.Length)
        {
            return false;
        }

        for (var i = 0; i < held.Length; i++)
        {
            if (!ReferenceEquals(held[i].Key, fields[i].Key) || held[i].Value.Count != 1 || !ReferenceEquals(held[i].Value[0], fields[i].Value[0]))
            {
                return false;
            }
        }

        return true;
    }
}
