namespace Lacquer.Caching.Semantics;

public sealed class AgeCalculationTests
{
    // RFC 9111 §4.2.3, with response_time = T and times in seconds relative to T:
    // apparent_age = max(0, T - date); response_delay = T - request_time;
    // corrected_age_value = age + response_delay; corrected_initial_age = max(apparent_age, corrected_age_value).
    [Theory]
    [InlineData(0, null, 0, 0)] // fresh from the origin
    [InlineData(-10, null, -2, 10)] // apparent age 10 beats delay 2
    [InlineData(0, "30", -2, 32)] // Age 30 + delay 2
    [InlineData(-10, "5", -1, 10)] // max(10, 5 + 1)
    [InlineData(-10, "50", -1, 51)] // max(10, 50 + 1)
    [InlineData(100, null, -1, 1)] // origin clock ahead: apparent age clamps to 0
    [InlineData(null, "60", -3, 63)] // no Date: Date = response time
    [InlineData(0, "1.5", -2, 2)] // invalid Age is ignored (age_value 0)
    [InlineData(0, "-5", 0, 0)]
    [InlineData(0, "5, 20", 0, 5)] // a list is read by its first member (§5.1)
    [InlineData(0, "10", 5, 10)] // request after response (bad clock): delay counts as 0
    public void CorrectedInitialAge_Follows_Section_4_2_3(int? dateInSeconds, string? age, int requestInSeconds, long expectedSeconds)
    {
        var response = ExchangeFacts.Response(date: ExchangeFacts.AtOrNull(dateInSeconds), age: age);
        var requestTime = ExchangeFacts.ResponseTime.AddSeconds(requestInSeconds);

        var corrected = AgeCalculation.CorrectedInitialAge(response, requestTime, ExchangeFacts.ResponseTime);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), corrected);
    }

    // §4.2.3: current_age = corrected_initial_age + resident_time; never negative.
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(10, 0, 10)]
    [InlineData(10, 50, 60)]
    [InlineData(0, 3600, 3600)]
    [InlineData(10, -20, 0)] // "now" before the response time (bad clock)
    public void CurrentAge_Adds_Resident_Time(int correctedSeconds, int residentSeconds, long expectedSeconds)
    {
        var now = ExchangeFacts.ResponseTime.AddSeconds(residentSeconds);

        var current = AgeCalculation.CurrentAge(TimeSpan.FromSeconds(correctedSeconds), ExchangeFacts.ResponseTime, now);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), current);
    }

    // §5.1: Age is whole seconds; §1.2.2: clamp to 2^31.
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1999, 1)]
    [InlineData(60_000, 60)]
    [InlineData(-5000, 0)]
    [InlineData(3_000_000_000_000, 2147483648)]
    public void ToAgeHeaderSeconds_Is_Whole_Seconds_Clamped(long milliseconds, long expected)
    {
        Assert.Equal(expected, AgeCalculation.ToAgeHeaderSeconds(TimeSpan.FromMilliseconds(milliseconds)));
    }
}
