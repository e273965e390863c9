// Python's repr() of a finite float, which is what json.dumps writes: the shortest digits that round-trip,
// in fixed notation with at least one decimal (1.0, 0.0001, 1000000000000000.0) unless the decimal point
// position decpt (value = 0.DIGITS x 10^decpt) is <= -4 or > 16, which gives 1e-05, 1e+16, 2.5e-07
// (CPython's float_repr_style "short", format code 'r').
using System.Globalization;

namespace Lacquer.Purge.Api.ServiceCache;

internal static class PythonFloat
{
    public static string Repr(double value)
    {
        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        var (digits, decpt) = ShortestDigits(Math.Abs(value));
        var sign = value < 0 ? "-" : string.Empty;
        if (decpt <= -4 || decpt > 16)
        {
            var mantissa = digits.Length == 1 ? digits : string.Concat(digits.AsSpan(0, 1), ".", digits.AsSpan(1));
            var exponent = decpt - 1;
            return string.Concat(sign, mantissa, exponent < 0 ? "e-" : "e+", Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }

        if (decpt <= 0)
        {
            return string.Concat(sign, "0.", new string('0', -decpt), digits);
        }

        return decpt >= digits.Length
            ? string.Concat(sign, digits, new string('0', decpt - digits.Length), ".0")
            : string.Concat(sign, digits.AsSpan(0, decpt), ".", digits.AsSpan(decpt));
    }

    /// <summary>The significant digits of .NET's shortest round-trip form ("R") and the decimal point's position.</summary>
    private static (string Digits, int DecimalPoint) ShortestDigits(double positive)
    {
        var text = positive.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot < 0 ? text : text[..dot];
        var digits = dot < 0 ? text : string.Concat(integerPart, text.AsSpan(dot + 1));
        var decimalPoint = integerPart.Length + exponent;
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        return (digits[leadingZeros..].TrimEnd('0'), decimalPoint - leadingZeros);
    }
}
