namespace Lacquer.Caching.Semantics;

public sealed class HttpDateTests
{
    private static readonly DateTimeOffset November6 = new(1994, 11, 6, 8, 49, 37, TimeSpan.Zero);

    // RFC 9110 §5.6.7: recipients accept all three formats.
    [Theory]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT")] // IMF-fixdate
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT")] // obsolete RFC 850
    [InlineData("Sun Nov  6 08:49:37 1994")] // ANSI C asctime()
    [InlineData("Sun Nov 6 08:49:37 1994")] // asctime with one space (robust)
    [InlineData("Sun Nov 06 08:49:37 1994")]
    [InlineData("  Sun, 06 Nov 1994 08:49:37 GMT  ")]
    [InlineData("sun, 06 nov 1994 08:49:37 gmt")] // names case-insensitively (robust)
    [InlineData("Sun, 6 Nov 1994 08:49:37 GMT")]
    [InlineData("Mon, 06 Nov 1994 08:49:37 GMT")] // wrong weekday tolerated
    public void TryParse_Accepts_The_Three_Http_Date_Formats(string value)
    {
        Assert.True(HttpDate.TryParse(value, 2025, out var date));
        Assert.Equal(November6, date);
        Assert.Equal(TimeSpan.Zero, date.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")] // RFC 9111 §5.3 calls this out as invalid
    [InlineData("-1")]
    [InlineData("garbage")]
    [InlineData("Sun, 06 Nov 1994 08:49:37")] // no GMT
    [InlineData("Sun, 06 Nov 1994 08:49:37 +0000")]
    [InlineData("Sun, 06 Nov 94 08:49:37 GMT")] // IMF-fixdate needs four digits
    [InlineData("Sun, 31 Feb 1994 08:49:37 GMT")]
    [InlineData("Sun, 06 Nov 1994 24:00:00 GMT")]
    [InlineData("Sun, 06 Nov 1994 8:49:37 GMT")]
    [InlineData("Sun, 06 Xyz 1994 08:49:37 GMT")]
    [InlineData("Funday, 06-Nov-94 08:49:37 GMT")]
    [InlineData("Sunday, 06-Nov-1994 08:49:37 GMT")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT, Sun, 06 Nov 1994 08:49:37 GMT")] // two field lines
    [InlineData("Sun Nov  6 08:49:37")]
    [InlineData("Sun, 00 Nov 1994 08:49:37 GMT")]
    [InlineData("Sun, 06 Nov 0000 08:49:37 GMT")]
    public void TryParse_Rejects_Anything_Else(string? value)
    {
        Assert.False(HttpDate.TryParse(value, out _));
    }

    // Expires (RFC 9111 §5.3): the three formats exactly, names still case-insensitive (RFC 9111 §4.2).
    [Theory]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT", true)]
    [InlineData("sun, 06 nov 1994 08:49:37 gmt", true)]
    [InlineData("  Sun, 06 Nov 1994 08:49:37 GMT  ", true)]
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT", true)]
    [InlineData("Sun Nov  6 08:49:37 1994", true)]
    [InlineData("Sun Nov 06 08:49:37 1994", true)]
    [InlineData("Sun,  06 Nov 1994 08:49:37 GMT", false)]
    [InlineData("Sun, 06  Nov  1994 08:49:37 GMT", false)]
    [InlineData("Sun, 06 Nov 1994 08:49:37  GMT", false)]
    [InlineData("Sun, 6 Nov 1994 08:49:37 GMT", false)]
    [InlineData("Sun ,06 Nov 1994 08:49:37 GMT", false)]
    [InlineData("Sunday,  06-Nov-94 08:49:37 GMT", false)]
    [InlineData("Sun Nov 6 08:49:37 1994", false)]
    [InlineData("Sun  Nov  6 08:49:37 1994", false)]
    [InlineData("Sun\tNov  6 08:49:37 1994", false)]
    [InlineData("0", false)]
    [InlineData(null, false)]
    public void TryParseStrict_Accepts_Only_The_Exact_Layouts(string? value, bool accepted)
    {
        Assert.Equal(accepted, HttpDate.TryParseStrict(value, 2025, out var date));
        Assert.Equal(accepted ? November6 : default, date);
    }

    // RFC 9110 §5.6.7: a two-digit year more than 50 years in the future is in the past century.
    [Theory]
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT", 2025, 1994)]
    [InlineData("Thursday, 06-Nov-25 08:49:37 GMT", 2025, 2025)]
    [InlineData("Thursday, 06-Nov-75 08:49:37 GMT", 2025, 2075)]
    [InlineData("Thursday, 06-Nov-76 08:49:37 GMT", 2025, 1976)]
    [InlineData("Thursday, 06-Nov-01 08:49:37 GMT", 2099, 2101)]
    public void TryParse_Rfc850_Two_Digit_Year_Is_At_Most_50_Years_Ahead(string value, int currentYear, int year)
    {
        Assert.True(HttpDate.TryParse(value, currentYear, out var date));
        Assert.Equal(year, date.Year);
    }

    [Fact]
    public void Format_Writes_Imf_Fixdate_In_Gmt()
    {
        var eastOfGreenwich = new DateTimeOffset(1994, 11, 6, 10, 49, 37, TimeSpan.FromHours(2));

        Assert.Equal("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.Format(eastOfGreenwich));
        Assert.True(HttpDate.TryParse(HttpDate.Format(eastOfGreenwich), out var roundTrip));
        Assert.Equal(eastOfGreenwich, roundTrip);
    }
}
