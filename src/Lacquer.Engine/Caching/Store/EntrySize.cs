// What an entry costs against cache.maxBytes (invariant 2): its body, its headers, its key, tags and Vary
// values as UTF-16 strings, and a fixed charge for the objects that hold them (entry, slot share, dictionary
// node, eviction node, arrays). The fixed charge is an upper estimate of the runtime's object sizes on x64,
// so the real footprint stays under the configured limit.
using Microsoft.Extensions.Primitives;

namespace Lacquer.Caching.Store;

internal static class EntrySize
{
    /// <summary>Entry object, its arrays, the slot's share, the dictionary node, the eviction node and the path-index record.</summary>
    public const int FixedOverhead = 384;

    /// <summary>A tag-index record: the hash-set slot and, amortised, the set and dictionary entry.</summary>
    private const int TagIndexRecord = 48;

    /// <summary>Per string: object header, length and padding.</summary>
    private const int StringOverhead = 24;

    public static long Of(
        string primaryKey,
        KeyValuePair<string, StringValues>[] headers,
        int bodyLength,
        string[] tags,
        string?[] varyValues)
    {
        long size = FixedOverhead + bodyLength + Text(primaryKey);
        foreach (var header in headers)
        {
            size += Text(header.Key) + 16;
            foreach (var value in header.Value)
            {
                size += Text(value);
            }
        }

        foreach (var tag in tags)
        {
            size += Text(tag) + TagIndexRecord;
        }

        foreach (var value in varyValues)
        {
            size += Text(value) + 8;
        }

        return size;
    }

    private static long Text(string? text) => text is null ? 0 : StringOverhead + (2L * text.Length);
}
