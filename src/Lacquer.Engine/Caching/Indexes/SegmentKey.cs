// A path segment as a range of a string the index already holds (the entry's URL), so that a trie node or
// leaf costs no segment string of its own. Compared and hashed by its characters, ordinally; lookups pass a
// span (Dictionary.GetAlternateLookup), so walking the trie allocates nothing.
namespace Lacquer.Caching.Indexes;

internal readonly struct SegmentKey(string source, int start, int length)
{
    public ReadOnlySpan<char> Span => source.AsSpan(start, length);

    public override string ToString() => Span.ToString();
}

internal sealed class SegmentKeyComparer : IEqualityComparer<SegmentKey>, IAlternateEqualityComparer<ReadOnlySpan<char>, SegmentKey>
{
    public static readonly SegmentKeyComparer Instance = new();

    public bool Equals(SegmentKey x, SegmentKey y) => x.Span.SequenceEqual(y.Span);

    public int GetHashCode(SegmentKey obj) => string.GetHashCode(obj.Span);

    public bool Equals(ReadOnlySpan<char> alternate, SegmentKey other) => alternate.SequenceEqual(other.Span);

    public int GetHashCode(ReadOnlySpan<char> alternate) => string.GetHashCode(alternate);

    public SegmentKey Create(ReadOnlySpan<char> alternate) => new(alternate.ToString(), 0, alternate.Length);
}
