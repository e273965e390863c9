// A stored response's header fields as they are served: a field list that many entries may hold between them
// (SharedArrays), with the response's own ETag and Last-Modified kept by the entry and read in at their places.
//
// Why: an origin that sends a validator per object (most do: an ETag built from the file, a Last-Modified per
// file) makes every response's field list different, so none could be shared, and each entry paid an array of
// its own (24 bytes plus 16 per field) for one or two values. Held apart, the list of the remaining fields is
// equal across the origin's responses of the same second and is shared; the entry pays two references, and the
// ETag string it would hold anyway. A Last-Modified that repeats across objects (files deployed together) is a
// shared string as well.
//
// The list keeps a marker where each validator was, so the order of the fields served is exactly the order the
// origin sent them in. The markers are private string objects compared by reference: no value from an origin or
// a test can be mistaken for one, and they never leave this type (every read replaces them).
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Lacquer.Caching.Store;

internal readonly struct StoredFields(KeyValuePair<string, StringValues>[] fields, string? etag, string? lastModified)
{
    /// <summary>Where the list had the ETag (RFC 9110 §8.8.3): the entry's own value is served in its place.</summary>
    private static readonly string ETagMarker = new('E', 1);

    /// <summary>Where the list had Last-Modified (RFC 9110 §8.8.2).</summary>
    private static readonly string LastModifiedMarker = new('L', 1);

    public int Count => fields.Length;

    /// <summary>The entry's ETag when it was a single field line, otherwise null (then it is in the list, if present).</summary>
    public string? ETag => etag;

    /// <summary>The entry's Last-Modified when it was a single field line, otherwise null.</summary>
    public string? LastModified => lastModified;

    public KeyValuePair<string, StringValues> this[int index] => Resolve(fields[index]);

    public Enumerator GetEnumerator() => new(this);

    /// <summary>The value of the field named <paramref name="name"/> (case-insensitive, RFC 9110 §5.1), or empty.</summary>
    public StringValues Find(string name)
    {
        foreach (var field in fields)
        {
            if (field.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return Resolve(field).Value;
            }
        }

        return StringValues.Empty;
    }

    /// <summary>The fields as one new array, validators in place: for code that builds a new response from them.</summary>
    public KeyValuePair<string, StringValues>[] ToArray()
    {
        var copy = new KeyValuePair<string, StringValues>[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            copy[i] = Resolve(fields[i]);
        }

        return copy;
    }

    /// <summary>
    /// Takes a response's single-line ETag and Last-Modified out of <paramref name="fields"/> (a creator's list, or a stored one): a new array with a
    /// marker at each one's place and every name and value swapped for its shared copy (an ETag repeats when one
    /// representation is stored under several keys, a Last-Modified when files were deployed together).
    /// </summary>
    public static StoredFields Split(StoredFields fields, SharedStrings shared)
    {
        var stored = new KeyValuePair<string, StringValues>[fields.Count];
        string? etag = null;
        string? lastModified = null;
        for (var i = 0; i < stored.Length; i++)
        {
            var (name, value) = fields[i];
            if (value.Count == 1 && value[0] is { } single)
            {
                if (etag is null && name.Equals(HeaderNames.ETag, StringComparison.OrdinalIgnoreCase))
                {
                    etag = shared.Share(single);
                    stored[i] = new(shared.Share(name), ETagMarker);
                    continue;
                }

                if (lastModified is null && name.Equals(HeaderNames.LastModified, StringComparison.OrdinalIgnoreCase))
                {
                    lastModified = shared.Share(single);
                    stored[i] = new(shared.Share(name), LastModifiedMarker);
                    continue;
                }
            }

            stored[i] = shared.ShareField(fields[i]);
        }

        return new(stored, etag, lastModified);
    }

    /// <summary>The list as held (markers included): what SharedArrays may share between entries.</summary>
    public KeyValuePair<string, StringValues>[] Held => fields;

    /// <summary>The same validators over <paramref name="held"/>, an array equal to <see cref="Held"/> (SharedArrays' copy).</summary>
    public StoredFields Over(KeyValuePair<string, StringValues>[] held) => new(held, etag, lastModified);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private KeyValuePair<string, StringValues> Resolve(KeyValuePair<string, StringValues> field)
    {
        if (field.Value.Count == 1)
        {
            var value = field.Value[0];
            if (ReferenceEquals(value, ETagMarker))
            {
                return new(field.Key, etag);
            }

            if (ReferenceEquals(value, LastModifiedMarker))
            {
                return new(field.Key, lastModified);
            }
        }

        return field;
    }

    /// <summary>Allocation-free foreach over the fields, validators in place (the hit path's loop).</summary>
    public struct Enumerator(StoredFields owner)
    {
        private int _index = -1;

        public readonly KeyValuePair<string, StringValues> Current => owner[_index];

        public bool MoveNext() => ++_index < owner.Count;
    }
}
