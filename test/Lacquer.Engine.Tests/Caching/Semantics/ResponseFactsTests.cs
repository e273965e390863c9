namespace Lacquer.Caching.Semantics;

public sealed class ResponseFactsTests
{
    // RFC 9111 §5.1 Age = delta-seconds. A list (or several field lines) is read by its first member; when
    // that member is invalid the field is ignored (null = age_value 0, §4.2.3); clamp §1.2.2.
    [Theory]
    [InlineData(null, -1)]
    [InlineData("", -1)]
    [InlineData("60", 60)]
    [InlineData(" 60 ", 60)]
    [InlineData("0", 0)]
    [InlineData("1.5", -1)]
    [InlineData("-1", -1)]
    [InlineData("abc", -1)]
    [InlineData("5, 7", 5)]
    [InlineData("7, 5", 7)]
    [InlineData("0, 7200", 0)]
    [InlineData(", 9", 9)]
    [InlineData("abc, 5", -1)]
    [InlineData("1.5, 5", -1)]
    [InlineData("5, -9", 5)]
    [InlineData("99999999999", 2147483648)]
    public void Age_Is_Delta_Seconds_And_Invalid_Age_Is_Ignored(string? age, long expectedSeconds)
    {
        var facts = Parse(age: age);

        Assert.Equal(expectedSeconds < 0 ? (TimeSpan?)null : TimeSpan.FromSeconds(expectedSeconds), facts.Age);
    }

    // RFC 9111 §5.3: an Expires that does not parse, especially "0", is present and already expired.
    [Theory]
    [InlineData(null, false, false)]
    [InlineData("0", true, false)]
    [InlineData("", true, false)]
    [InlineData("garbage", true, false)]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT", true, true)]
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT", true, true)]
    [InlineData("Sun Nov  6 08:49:37 1994", true, true)]
    [InlineData("Thu, 18  Aug  2050 08:49:37 GMT", true, false)] // runs of spaces: not an HTTP-date
    [InlineData("Thu, 18 Aug 2050  08:49:37 GMT", true, false)]
    [InlineData("Thu, 8 Aug 2050 08:49:37 GMT", true, false)] // IMF-fixdate's day has two digits
    public void Expires_Present_But_Invalid_Has_No_Value(string? expires, bool hasExpires, bool hasValue)
    {
        var facts = Parse(expires: expires);

        Assert.Equal(hasExpires, facts.HasExpires);
        Assert.Equal(hasValue, facts.Expires is not null);
    }

    [Theory]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT", true)]
    [InlineData("Sun,  06 Nov  1994 08:49:37 GMT", true)] // RFC 9110 §5.6.7: timestamps are read robustly
    [InlineData("yesterday", false)]
    [InlineData(null, false)]
    public void Date_And_Last_Modified_That_Do_Not_Parse_Are_Absent(string? value, bool parsed)
    {
        var facts = Parse(date: value, lastModified: value);

        Assert.Equal(parsed, facts.Date is not null);
        Assert.Equal(parsed, facts.LastModified is not null);
    }

    [Fact]
    public void Parse_Keeps_Status_Set_Cookie_Directives_And_Vary()
    {
        var facts = ResponseFacts.Parse(404, "max-age=5", null, null, null, null, "Accept-Encoding", hasSetCookie: true);

        Assert.Equal(404, facts.Status);
        Assert.True(facts.HasSetCookie);
        Assert.Equal(DeltaSeconds.Of(5), facts.CacheControl.MaxAge);
        Assert.Equal(["accept-encoding"], facts.Vary.Names);
    }

    private static ResponseFacts Parse(string? expires = null, string? date = null, string? lastModified = null, string? age = null) =>
        ResponseFacts.Parse(200, cacheControl: (string?)null, expires, date, lastModified, age, null, hasSetCookie: false);
}
