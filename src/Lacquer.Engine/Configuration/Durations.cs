using System.Globalization;

namespace Lacquer.Configuration;

/// <summary>
/// Parses durations in two syntaxes:
/// <list type="bullet">
/// <item>A non-negative number with an optional, case-insensitive unit, spaces allowed in between:
/// <c>ms</c>, <c>s</c>, <c>m</c> (minutes), <c>h</c>, <c>d</c>. No unit means seconds (<c>30</c> = 30s).
/// A decimal fraction is allowed (<c>1.5h</c>, <c>0.25s</c>) when the result is a whole number of ticks (100ns).
/// Compound forms such as <c>1h30m</c> are not accepted; write <c>90m</c>.</item>
/// <item>.NET <see cref="TimeSpan"/> syntax, recognised by a colon: <c>00:00:30</c>, <c>1.02:00:00</c>
/// (<c>[d.]hh:mm[:ss[.fffffff]]</c>, invariant culture).</item>
/// </list>
/// Negative values and values beyond <see cref="TimeSpan.MaxValue"/> are rejected.
/// </summary>
internal static class Durations
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (text is null)
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (span.Contains(':'))
        {
            if (!TimeSpan.TryParse(span, CultureInfo.InvariantCulture, out var parsed) || parsed < TimeSpan.Zero)
            {
                return false;
            }

            value = parsed;
            return true;
        }

        var numberLength = UnsignedNumber.Length(span);
        if (numberLength == 0)
        {
            return false;
        }

        var ticksPerUnit = TicksPerUnit(span[numberLength..].TrimStart());
        if (ticksPerUnit == 0
            || !decimal.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || number > TimeSpan.MaxValue.Ticks / ticksPerUnit)
        {
            return false;
        }

        var ticks = number * ticksPerUnit;
        if (ticks != decimal.Truncate(ticks))
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>Ticks per unit, or 0 for an unknown unit.</summary>
    private static long TicksPerUnit(ReadOnlySpan<char> unit)
    {
        if (unit.IsEmpty || unit.Equals("s", StringComparison.OrdinalIgnoreCase))
        {
            return TimeSpan.TicksPerSecond;
        }

        if (unit.Equals("ms", StringComparison.OrdinalIgnoreCase))
        {
            return TimeSpan.TicksPerMillisecond;
        }

        if (unit.Equals("m", StringComparison.OrdinalIgnoreCase))
        {
            return TimeSpan.TicksPerMinute;
        }

        if (unit.Equals("h", StringComparison.OrdinalIgnoreCase))
        {
            return TimeSpan.TicksPerHour;
        }

        return unit.Equals("d", StringComparison.OrdinalIgnoreCase) ? TimeSpan.TicksPerDay : 0;
    }
}
