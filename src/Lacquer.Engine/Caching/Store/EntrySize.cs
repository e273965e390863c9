// What an entry costs against cache.maxBytes (invariant 2): its body, its headers, its key (twice, an upper
// estimate), tags and Vary values as UTF-16 strings, and charges for the objects that hold
// them: a fixed one (entry with its eviction links, dictionary node, arrays), one per tag (its tag-index
// record) and one per path segment (its node in the host/path trie). Each charge is an upper estimate of the
// runtime's object sizes on x64 (a trie node or tag set shared by several entries is charged to each of them),
// so the real footprint stays under the configured limit; IndexMemoryTests measures that it does.
namespace Lacquer.Caching.Store;

internal static class EntrySize
{
    /// <summary>Entry object (eviction links included), its arrays, the body array's header and the dictionary node.</summary>
    public const int FixedOverhead = 448;

    /// <summary>
    /// A path-trie node: the node, its slot in the parent's child map, and the whole map when it is the first
    /// child. Segments are ranges of the entry's URL, so they cost no string of their own.
    /// </summary>
    private const int PathSegmentRecord = 320;

    /// <summary>The set a trie node needs once a second entry is stored at its path (one entry is held directly).</summary>
    private const int PathEntryRecord = 176;

    /// <summary>
    /// A tag-index record: the tag's map slot when the tag is new, or the set it needs once a second entry
    /// carries it (and a slot in that set after); and the tags-array slot.
    /// </summary>
    private const int TagIndexRecord = 184;

    /// <summary>Per string: object header, length, terminator and padding to 8 bytes.</summary>
    private const int StringOverhead = 28;

    public static long Of(
        string primaryKey,
        StoredFields headers,
        int bodyLength,
        string[] tags,
        string?[] varyValues)
    {
        // The key, charged twice: an upper estimate that predates KeyParts keeping only ranges of it.
        long size = FixedOverhead + bodyLength + (2 * Text(primaryKey)) + StringOverhead;
        size += PathEntryRecord + (PathSegments(primaryKey) * (long)PathSegmentRecord);
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

    /// <summary>
    /// How many path-trie segments the key's path has, as PathIndex splits it: "/" has none, "/a/b" has "a"
    /// and "b", "/a/" has "a" and "". Read from the key without allocating.
    /// </summary>
    private static int PathSegments(string primaryKey)
    {
        var scheme = primaryKey.IndexOf("://", StringComparison.Ordinal);
        var start = scheme < 0 ? -1 : primaryKey.IndexOf('/', scheme + 3);
        if (start < 0)
        {
            return 0;
        }

        var end = primaryKey.AsSpan(start).IndexOfAny('?', '\n');
        var path = end < 0 ? primaryKey.AsSpan(start) : primaryKey.AsSpan(start, end);
        return path.Length <= 1 ? 0 : path.Count('/');
    }
}
