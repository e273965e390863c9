// Owns: HTTP-date parsing and formatting (RFC 9110 §5.6.7). Accepts the three formats recipients must
// (IMF-fixdate, obsolete RFC 850, ANSI C asctime). Never throws. Two readings:
//  - TryParse, robust where §5.6.7 encourages it for timestamps ("unless otherwise restricted by the field
//    definition"): surrounding whitespace, runs of spaces, a one-digit IMF day. Used for Date,
//    Last-Modified and If-Modified-Since, where a misread date only costs a cache hit or a 304.
//  - TryParseStrict, the grammar exactly: one space where the grammar has SP, two-digit days (asctime's
//    day padded with a space). Used for Expires, whose definition restricts it: any value that is not an
//    HTTP-date means "already expired" (RFC 9111 §5.3), so "Thu, 18  Aug  2050 ..." is expired, not 2050.
// Both match day names, month names and "GMT" case-insensitively (RFC 9111 §4.2 asks a cache to), and check
// the day name is a day name but not against the date (a wrong weekday is common and harmless). Departure: the RFC 850 two-digit-year rule needs "now"; the short overload uses the
// system clock's year for that alone, callers that care pass the year explicitly.
using System.Globalization;

namespace Lacquer.Caching.Semantics;

internal static class HttpDate
{
    private static readonly string[] ShortDays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] LongDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static bool TryParse(string? value, out DateTimeOffset date) =>
        TryParse(value, DateTimeOffset.UtcNow.Year, out date);

    /// <param name="currentYear">The year "now" is in, for the RFC 850 two-digit-year rule.</param>
    public static bool TryParse(string? value, int currentYear, out DateTimeOffset date)
    {
        date = default;
        if (value is null)
        {
            return false;
        }

        var text = value.AsSpan().Trim();
        var comma = text.IndexOf(',');
        if (comma < 0)
        {
            return TryParseAsctime(text, out date);
        }

        var dayName = text[..comma].Trim();
        var rest = text[(comma + 1)..];
        if (IndexOf(ShortDays, dayName) >= 0)
        {
            return TryParseImfFixdate(rest, out date);
        }

        return IndexOf(LongDays, dayName) >= 0 && TryParseRfc850(rest, currentYear, out date);
    }

    public static bool TryParseStrict(string? value, out DateTimeOffset date) =>
        TryParseStrict(value, DateTimeOffset.UtcNow.Year, out date);

    /// <summary>Only the exact layouts of the three formats (see the file header); surrounding whitespace aside.</summary>
    public static bool TryParseStrict(string? value, int currentYear, out DateTimeOffset date)
    {
        if (!TryParse(value, currentYear, out date))
        {
            return false;
        }

        var text = value.AsSpan().Trim(" \t");
        var comma = text.IndexOf(',');
        var exact = comma switch
        {
            < 0 => HasShape(text, AsctimeShape),
            3 => HasShape(text, ImfFixdateShape),
            _ => HasShape(text[..comma], new string('a', comma)) && HasShape(text[comma..], Rfc850Shape),
        };
        if (!exact)
        {
            date = default;
        }

        return exact;
    }

    // Layouts for TryParseStrict: 'a' a letter, 'd' a digit, '_' a digit or a space, anything else itself.
    private const string ImfFixdateShape = "aaa, dd aaa dddd dd:dd:dd aaa";
    private const string Rfc850Shape = ", dd-aaa-dd dd:dd:dd aaa";
    private const string AsctimeShape = "aaa aaa _d dd:dd:dd dddd";

    private static bool HasShape(ReadOnlySpan<char> text, string shape)
    {
        if (text.Length != shape.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var fits = shape[i] switch
            {
                'a' => char.IsAsciiLetter(c),
                'd' => char.IsAsciiDigit(c),
                '_' => c == ' ' || char.IsAsciiDigit(c),
                var literal => c == literal,
            };
            if (!fits)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Formats as IMF-fixdate, e.g. <c>Sun, 06 Nov 1994 08:49:37 GMT</c> (RFC 9110 §5.6.7).</summary>
    public static string Format(DateTimeOffset date) =>
        date.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    // IMF-fixdate after "Sun,": "06 Nov 1994 08:49:37 GMT"
    private static bool TryParseImfFixdate(ReadOnlySpan<char> text, out DateTimeOffset date)
    {
        date = default;
        Span<Range> parts = stackalloc Range[6];
        if (text.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries) != 5 || !IsGmt(text[parts[4]]))
        {
            return false;
        }

        return TryNumber(text[parts[2]], 4, 4, out var year)
            && TryBuild(year, text[parts[1]], text[parts[0]], text[parts[3]], out date);
    }

    // rfc850-date after "Sunday,": "06-Nov-94 08:49:37 GMT"
    private static bool TryParseRfc850(ReadOnlySpan<char> text, int currentYear, out DateTimeOffset date)
    {
        date = default;
        Span<Range> parts = stackalloc Range[4];
        if (text.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries) != 3 || !IsGmt(text[parts[2]]))
        {
            return false;
        }

        var day = text[parts[0]];
        Span<Range> dayParts = stackalloc Range[4];
        if (day.Split(dayParts, '-') != 3 || !TryNumber(day[dayParts[2]], 2, 2, out var twoDigitYear))
        {
            return false;
        }

        // §5.6.7: a two-digit year that appears more than 50 years in the future is in the past century.
        // So the year is the one with those last two digits in (currentYear - 50, currentYear + 50].
        var year = (currentYear / 100 * 100) + twoDigitYear;
        if (year > currentYear + 50)
        {
            year -= 100;
        }
        else if (year + 100 <= currentYear + 50)
        {
            year += 100;
        }

        return TryBuild(year, day[dayParts[1]], day[dayParts[0]], text[parts[1]], out date);
    }

    // asctime-date: "Sun Nov  6 08:49:37 1994"
    private static bool TryParseAsctime(ReadOnlySpan<char> text, out DateTimeOffset date)
    {
        date = default;
        Span<Range> parts = stackalloc Range[6];
        if (text.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries) != 5 || IndexOf(ShortDays, text[parts[0]]) < 0)
        {
            return false;
        }

        return TryNumber(text[parts[4]], 4, 4, out var year)
            && TryBuild(year, text[parts[1]], text[parts[2]], text[parts[3]], out date);
    }

    private static bool TryBuild(
        int year,
        ReadOnlySpan<char> monthName,
        ReadOnlySpan<char> dayText,
        ReadOnlySpan<char> time,
        out DateTimeOffset date)
    {
        date = default;
        var month = IndexOf(Months, monthName) + 1;
        if (month == 0 || year < 1 || year > 9999 || !TryNumber(dayText, 1, 2, out var day) || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        // time-of-day = hour ":" minute ":" second, two digits each.
        if (time.Length != 8 || time[2] != ':' || time[5] != ':'
            || !TryNumber(time[..2], 2, 2, out var hour) || hour > 23
            || !TryNumber(time[3..5], 2, 2, out var minute) || minute > 59
            || !TryNumber(time[6..], 2, 2, out var second) || second > 59)
        {
            return false;
        }

        date = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<char> text, int minDigits, int maxDigits, out int number)
    {
        number = 0;
        if (text.Length < minDigits || text.Length > maxDigits)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            number = (number * 10) + (c - '0');
        }

        return true;
    }

    private static bool IsGmt(ReadOnlySpan<char> text) => text.Equals("GMT", StringComparison.OrdinalIgnoreCase);

    private static int IndexOf(string[] names, ReadOnlySpan<char> name)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (name.Equals(names[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
