namespace Lacquer.Caching.Semantics;

/// <summary>
/// Builds request/response facts for the table-driven tests. Header times are given in seconds
/// relative to <see cref="ResponseTime"/> (null = header absent) so rows stay short.
/// </summary>
internal static class ExchangeFacts
{
    /// <summary>When the response was received: Wed, 01 Jan 2025 12:00:00 GMT.</summary>
    public static readonly DateTimeOffset ResponseTime = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static string At(int secondsFromResponseTime) => HttpDate.Format(ResponseTime.AddSeconds(secondsFromResponseTime));

    public static string? AtOrNull(int? secondsFromResponseTime) =>
        secondsFromResponseTime is { } seconds ? At(seconds) : null;

    public static ResponseFacts Response(
        int status = 200,
        string? cacheControl = null,
        string? expires = null,
        string? date = "now",
        string? lastModified = null,
        string? age = null,
        string? vary = null,
        bool hasSetCookie = false) =>
        ResponseFacts.Parse(status, cacheControl, expires, date == "now" ? At(0) : date, lastModified, age, vary, hasSetCookie);
}
