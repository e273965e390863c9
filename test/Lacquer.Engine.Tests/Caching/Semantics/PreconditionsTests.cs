namespace Lacquer.Caching.Semantics;

public sealed class PreconditionsTests
{
    private const string Noon = "Sat, 21 Nov 2026 12:00:00 GMT";

    [Theory]
    [InlineData("\"a\"", null, "\"a\"", null, true)] // RFC 9110 §13.1.2
    [InlineData("W/\"a\"", null, "\"a\"", null, true)] // weak comparison, §8.8.3.2
    [InlineData("\"a\"", null, "W/\"a\"", null, true)]
    [InlineData("\"b\", W/\"a\"", null, "\"a\"", null, true)] // a list
    [InlineData("*", null, "\"a\"", null, true)] // any current representation
    [InlineData("\"b\"", null, "\"a\"", null, false)]
    [InlineData("\"a\"", null, null, null, false)] // nothing to compare with
    [InlineData("\"b\"", Noon, "\"a\"", Noon, false)] // §13.2.2: If-Modified-Since ignored when If-None-Match is present
    [InlineData(null, Noon, null, Noon, true)] // §13.1.3: not modified since
    [InlineData(null, "Sat, 21 Nov 2026 13:00:00 GMT", null, Noon, true)]
    [InlineData(null, "Sat, 21 Nov 2026 11:00:00 GMT", null, Noon, false)] // modified since
    [InlineData(null, "garbage", null, Noon, false)] // invalid date ignored
    public void NotModified_Follows_RFC_9110_Section_13(string? ifNoneMatch, string? ifModifiedSince, string? etag, string? lastModified, bool expected) =>
        Assert.Equal(expected, Preconditions.NotModified(ifNoneMatch, ifModifiedSince, etag, lastModified, storedDate: null, Received));

    private const string Morning = "Sat, 21 Nov 2026 09:00:00 GMT";
    private static readonly DateTimeOffset Received = new(2026, 11, 21, 18, 0, 0, TimeSpan.Zero);

    // RFC 9111 §4.3.2: the stored response's modification time is Last-Modified, else Date, else when it was received.
    [Theory]
    [InlineData(Noon, Morning, Noon, true)] // Last-Modified wins over Date
    [InlineData(Noon, Morning, "Sat, 21 Nov 2026 10:00:00 GMT", false)]
    [InlineData(null, Noon, Noon, true)] // no Last-Modified: Date
    [InlineData(null, Noon, "Sat, 21 Nov 2026 13:00:00 GMT", true)]
    [InlineData(null, Noon, Morning, false)]
    [InlineData("garbage", Noon, Noon, true)] // an unparsable Last-Modified counts as absent
    [InlineData(null, null, "Sat, 21 Nov 2026 18:00:00 GMT", true)] // neither: the time it was received
    [InlineData(null, null, Noon, false)]
    [InlineData(null, "garbage", Noon, false)]
    public void If_Modified_Since_Falls_Back_To_Date_Then_To_The_Time_Received(string? lastModified, string? date, string ifModifiedSince, bool expected) =>
        Assert.Equal(expected, Preconditions.NotModified(null, ifModifiedSince, "\"e\"", lastModified, date, Received));

    [Fact]
    public void StoredHeaderUpdate_Replaces_Fields_Except_Content_Length()
    {
        var stored = new KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>[]
        {
            new("Content-Length", "5"), new("ETag", "\"a\""), new("X-Old", "1"), new("Cache-Control", "max-age=60"),
        };
        var update = new KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>[]
        {
            new("content-length", "0"), new("cache-control", "max-age=120"), new("X-New", "2"),
        };

        var merged = StoredHeaderUpdate.Apply(stored, update).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.OrdinalIgnoreCase);

        Assert.Equal("5", merged["Content-Length"]);
        Assert.Equal("max-age=120", merged["Cache-Control"]);
        Assert.Equal("1", merged["X-Old"]);
        Assert.Equal("2", merged["X-New"]);
        Assert.Equal("\"a\"", merged["ETag"]);
    }
}
