using System.Globalization;

namespace Lacquer.Configuration;

/// <summary>
/// Parses byte sizes: a non-negative number, optional spaces, then an optional unit.
/// <list type="bullet">
/// <item>Units are case-insensitive and the trailing <c>B</c> is optional: <c>B</c>; <c>K</c>/<c>KB</c>,
/// <c>M</c>/<c>MB</c>, <c>G</c>/<c>GB</c>, <c>T</c>/<c>TB</c> are decimal (powers of 1000);
/// <c>Ki</c>/<c>KiB</c>, <c>Mi</c>/<c>MiB</c>, <c>Gi</c>/<c>GiB</c>, <c>Ti</c>/<c>TiB</c> are binary (powers of 1024).
/// No unit means bytes.</item>
/// <item>A decimal fraction is allowed (<c>1.5GB</c>, <c>0.5KiB</c>) when the result is a whole number of
/// bytes; <c>0.5B</c> is rejected.</item>
/// <item>Rejected: negatives, signs, exponents, a leading or trailing dot, thousands separators, anything
/// above <see cref="long.MaxValue"/>.</item>
/// </list>
/// </summary>
internal static class Sizes
{
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (text is null)
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var numberLength = UnsignedNumber.Length(span);
        if (numberLength == 0)
        {
            return false;
        }

        var multiplier = Multiplier(span[numberLength..].TrimStart());
        if (multiplier == 0
            || !decimal.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || number > long.MaxValue / multiplier)
        {
            return false;
        }

        var product = number * multiplier;
        if (product != decimal.Truncate(product))
        {
            return false;
        }

        bytes = (long)product;
        return true;
    }

    /// <summary>Bytes per unit, or 0 for an unknown unit.</summary>
    private static long Multiplier(ReadOnlySpan<char> unit)
    {
        if (unit.Length > 0 && (unit[^1] == 'B' || unit[^1] == 'b'))
        {
            unit = unit[..^1];
        }

        if (unit.IsEmpty)
        {
            return 1;
        }

        var binary = unit.Length == 2 && (unit[1] == 'i' || unit[1] == 'I');
        if (unit.Length != 1 && !binary)
        {
            return 0;
        }

        var exponent = char.ToUpperInvariant(unit[0]) switch
        {
            'K' => 1,
            'M' => 2,
            'G' => 3,
            'T' => 4,
            _ => 0,
        };
        if (exponent == 0)
        {
            return 0;
        }

        var step = binary ? 1024L : 1000L;
        var result = 1L;
        for (var i = 0; i < exponent; i++)
        {
            result *= step;
        }

        return result;
    }
}
