namespace Lacquer.Caching.Semantics;

public sealed class ByteRangesTests
{
    // RFC 9110 §14.1.2 range specs against a 20-byte body; expected as "start-end;..." or the outcome.
    [Theory]
    [InlineData("bytes=0-4", "0-4")]
    [InlineData("bytes=5-", "5-19")]
    [InlineData("bytes=-5", "15-19")]
    [InlineData("bytes=-50", "0-19")] // suffix longer than the body: all of it
    [InlineData("bytes=10-99", "10-19")] // end clipped
    [InlineData("bytes=0-1, 4-5", "0-1;4-5")]
    [InlineData("BYTES=0-1", "0-1")] // unit is case-insensitive
    [InlineData(" bytes = 0-1", "Ignore")] // not the bytes= prefix
    [InlineData("bytes=20-30", "Unsatisfiable")] // §15.5.17: first-pos past the end
    [InlineData("bytes=-0", "Unsatisfiable")]
    [InlineData("bytes=5-2", "Ignore")] // invalid: last < first
    [InlineData("bytes=a-b", "Ignore")]
    [InlineData("bytes=", "Ignore")]
    [InlineData("items=0-1", "Ignore")] // other units ignored, §14.2
    [InlineData("bytes=0-0,2-2,4-4,6-6,8-8,10-10,12-12,14-14,16-16,18-18,1-1,3-3,5-5,7-7,9-9,11-11,13-13", "Ignore")] // 17 > the default 16
    [InlineData("bytes=0-0,2-2,4-4,6-6,8-8,10-10,12-12,14-14,16-16,18-18,1-1,3-3,5-5,7-7,9-9,11-11", "0-12;14-14;16-16;18-18")] // 16: allowed, then coalesced
    [InlineData("bytes=0-,0-,0-,0-", "0-19")] // §14.2: overlapping ranges coalesced, so the parts never repeat bytes
    [InlineData("bytes=0-4, 3-8", "0-8")]
    [InlineData("bytes=0-4, 5-9", "0-9")] // adjacent: one part costs less than two
    [InlineData("bytes=10-12, 0-1", "10-12;0-1")] // §14.6: disjoint ranges keep the request's order
    [InlineData("bytes=10-12, 0-1, 11-15", "0-1;10-15")] // once any overlap, sorted and merged
    [InlineData("bytes=-5, 12-", "12-19")] // a suffix overlapping an open range
    [InlineData("bytes=0-1, 50-60, 1-3", "0-3")] // unsatisfiable specs drop out before coalescing
    public void Parses_Range_Against_The_Stored_Length(string header, string expected)
    {
        Assert.Equal(expected, Parse(header, ByteRanges.DefaultMaxRanges));
    }

    [Theory]
    [InlineData("bytes=0-0, 2-2", 1, "Ignore")] // 1: a single range only
    [InlineData("bytes=0-0", 1, "0-0")]
    [InlineData("bytes=0-0, 2-2, 4-4", 2, "Ignore")]
    [InlineData("bytes=0-0, 2-2, 4-4", 3, "0-0;2-2;4-4")]
    [InlineData("bytes=0-0, 1-1, 2-2", 2, "Ignore")] // counted as asked, before coalescing
    public void More_Range_Specs_Than_The_Limit_Are_Ignored(string header, int maxRanges, string expected)
    {
        Assert.Equal(expected, Parse(header, maxRanges));
    }

    private static string Parse(string header, int maxRanges)
    {
        var (outcome, ranges) = ByteRanges.Parse(header, 20, maxRanges);
        return outcome == RangeOutcome.Satisfiable ? string.Join(";", ranges.Select(r => $"{r.Start}-{r.End}")) : outcome.ToString();
    }
}
