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
    [InlineData("bytes=0-0,1-1,2-2,3-3,4-4,5-5,6-6,7-7,8-8,9-9,10-10,11-11,12-12,13-13,14-14,15-15,16-16", "Ignore")] // over MaxRanges
    public void Parses_Range_Against_The_Stored_Length(string header, string expected)
    {
        var (outcome, ranges) = ByteRanges.Parse(header, 20);

        var actual = outcome == RangeOutcome.Satisfiable ? string.Join(";", ranges.Select(r => $"{r.Start}-{r.End}")) : outcome.ToString();
        Assert.Equal(expected, actual);
    }
}
