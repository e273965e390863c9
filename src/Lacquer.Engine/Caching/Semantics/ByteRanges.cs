// Owns: a Range request against a stored full response (RFC 9110 §14.1.2, §14.2, §15.3.7, §15.5.17), so that
// a hit can be answered 206 or 416 from the cache (RFC 9111 §3.4 allows a cache to serve ranges of a stored
// complete response). Pure: the header text and the body length in, ranges out.
//  - Only the "bytes" unit; any other unit, or a syntactically invalid header, is ignored (§14.2: "A server
//    MAY ignore the Range header field"), which means a full 200.
//  - "a-b", "a-" and "-n" (suffix); ends past the length are clipped; ranges starting at or past the length
//    are unsatisfiable; if none is satisfiable the answer is 416.
//  - More range specs than the zone's maxRanges are ignored (a full 200): §14.2 lets a server ignore or reject
//    a Range with more than some number of ranges.
//  - Overlapping or adjacent ranges are coalesced (§14.2 names overlapping ranges as a denial-of-service risk;
//    §15.3.7.2 lets a server coalesce ranges that overlap or are separated by a gap smaller than a part's
//    overhead): when any two touch, the satisfiable ranges are sorted and merged, so the parts never repeat a
//    byte and together are never longer than the body. Disjoint ranges keep the order they were asked in
//    (§14.6: parts SHOULD follow the request's order, except ranges coalesced into others).
namespace Lacquer.Caching.Semantics;

internal static class ByteRanges
{
    /// <summary>The default limit on range specs in one Range field (<c>cache.maxRanges</c>).</summary>
    public const int DefaultMaxRanges = 16;

    /// <returns>
    /// Ignore (serve 200), Unsatisfiable (416) or Satisfiable with the ranges (inclusive ends), coalesced so that
    /// no two overlap or touch.
    /// </returns>
    public static (RangeOutcome Outcome, IReadOnlyList<(long Start, long End)> Ranges) Parse(string? range, long length, int maxRanges)
    {
        if (string.IsNullOrWhiteSpace(range))
        {
            return (RangeOutcome.Ignore, []);
        }

        var text = range.AsSpan().Trim();
        if (!text.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return (RangeOutcome.Ignore, []);
        }

        var ranges = new List<(long, long)>();
        var specs = text[6..];
        var count = 0;
        foreach (var part in specs.Split(','))
        {
            var spec = specs[part].Trim();
            if (spec.IsEmpty)
            {
                continue;
            }

            if (++count > maxRanges)
            {
                return (RangeOutcome.Ignore, []);
            }

            var dash = spec.IndexOf('-');
            if (dash < 0)
            {
                return (RangeOutcome.Ignore, []);
            }

            var first = spec[..dash].Trim();
            var last = spec[(dash + 1)..].Trim();
            if (first.IsEmpty)
            {
                // Suffix: the last n bytes.
                if (!TryDigits(last, out var suffix))
                {
                    return (RangeOutcome.Ignore, []);
                }

                if (suffix > 0 && length > 0)
                {
                    ranges.Add((Math.Max(0, length - suffix), length - 1));
                }

                continue;
            }

            if (!TryDigits(first, out var start))
            {
                return (RangeOutcome.Ignore, []);
            }

            long end;
            if (last.IsEmpty)
            {
                end = length - 1;
            }
            else if (!TryDigits(last, out end) || end < start)
            {
                return (RangeOutcome.Ignore, []);
            }

            if (start < length)
            {
                ranges.Add((start, Math.Min(end, length - 1)));
            }
        }

        if (count == 0)
        {
            return (RangeOutcome.Ignore, []);
        }

        return ranges.Count == 0 ? (RangeOutcome.Unsatisfiable, []) : (RangeOutcome.Satisfiable, Coalesce(ranges));
    }

    /// <summary>
    /// The ranges as asked when no two overlap or touch; otherwise sorted by start and merged (see the file
    /// comment). Either way every byte is in at most one range.
    /// </summary>
    private static List<(long Start, long End)> Coalesce(List<(long Start, long End)> ranges)
    {
        if (ranges.Count < 2)
        {
            return ranges;
        }

        var sorted = new List<(long Start, long End)>(ranges);
        sorted.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var touching = false;
        for (var i = 1; i < sorted.Count && !touching; i++)
        {
            touching = sorted[i].Start <= sorted[i - 1].End + 1;
        }

        if (!touching)
        {
            return ranges;
        }

        var merged = new List<(long Start, long End)>(sorted.Count) { sorted[0] };
        for (var i = 1; i < sorted.Count; i++)
        {
            var (start, end) = sorted[i];
            var last = merged[^1];
            if (start <= last.End + 1)
            {
                merged[^1] = (last.Start, Math.Max(last.End, end));
            }
            else
            {
                merged.Add((start, end));
            }
        }

        return merged;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
