// Owns: the age of a stored response (RFC 9111 §4.2.3) and its Age header value (§5.1).
// Departure: a negative response_delay (clock going backwards between request and response) counts
// as zero, so a bad clock can never make a response younger than its Age header says.
namespace Lacquer.Caching.Semantics;

internal static class AgeCalculation
{
    /// <summary>
    /// §4.2.3: apparent_age = max(0, response_time - date_value); response_delay = response_time - request_time;
    /// corrected_age_value = age_value + response_delay; corrected_initial_age = max(apparent_age, corrected_age_value).
    /// A missing Date is taken as <paramref name="responseTime"/>; a missing Age as 0.
    /// </summary>
    public static TimeSpan CorrectedInitialAge(ResponseFacts response, DateTimeOffset requestTime, DateTimeOffset responseTime)
    {
        ArgumentNullException.ThrowIfNull(response);
        var dateValue = response.Date ?? responseTime;
        var apparentAge = NotNegative(responseTime - dateValue);
        var responseDelay = NotNegative(responseTime - requestTime);
        var correctedAgeValue = (response.Age ?? TimeSpan.Zero) + responseDelay;
        return apparentAge > correctedAgeValue ? apparentAge : correctedAgeValue;
    }

    /// <summary>§4.2.3: current_age = corrected_initial_age + resident_time (now - response_time), never negative.</summary>
    public static TimeSpan CurrentAge(TimeSpan correctedInitialAge, DateTimeOffset responseTime, DateTimeOffset now) =>
        NotNegative(correctedInitialAge + (now - responseTime));

    /// <summary>§5.1: whole seconds (rounded down), clamped to 0..2147483648 (§1.2.2).</summary>
    public static long ToAgeHeaderSeconds(TimeSpan age)
    {
        var seconds = age.Ticks / TimeSpan.TicksPerSecond;
        return Math.Clamp(seconds, 0, DeltaSeconds.MaxSeconds);
    }

    private static TimeSpan NotNegative(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
}
