// Strings and numbers, following CPython 3.11's scanstring_unicode and _match_number_unicode (Modules/_json.c)
// step for step, because the error positions depend on their exact order of checks.
using System.Globalization;
using System.Text;

namespace Lacquer.Purge.Api.ServiceCache;

internal sealed partial class PythonJsonReader
{
    /// <summary>After the opening quote at <paramref name="start"/> - 1; <paramref name="end"/> is after the closing quote.</summary>
    private bool TryScanString(int start, out string value, out int end)
    {
        var begin = start - 1;
        var text = new StringBuilder();
        value = string.Empty;
        end = start;
        while (true)
        {
            var next = end;
            while (next < _text.Length && _text[next] != '"' && _text[next] != '\\')
            {
                if (_text[next] <= 0x1f)
                {
                    return Fail("Invalid control character at", next);
                }

                next++;
            }

            if (next == _text.Length)
            {
                return Fail("Unterminated string starting at", begin);
            }

            AppendCodePoints(text, end, next);
            if (_text[next] == '"')
            {
                value = text.ToString();
                end = next + 1;
                return true;
            }

            next++;
            if (next == _text.Length)
            {
                return Fail("Unterminated string starting at", begin);
            }

            if (!TryEscape(next, text, out end))
            {
                return false;
            }
        }
    }

    /// <summary>The escape whose letter is at <paramref name="letter"/>; <paramref name="end"/> is after it.</summary>
    private bool TryEscape(int letter, StringBuilder text, out int end)
    {
        if (_text[letter] != 'u')
        {
            end = letter + 1;
            char? unescaped = _text[letter] switch
            {
                '"' => '"',
                '\\' => '\\',
                '/' => '/',
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => null,
            };
            if (unescaped is null)
            {
                return Fail("Invalid \\escape", end - 2);
            }

            text.Append(unescaped.Value);
            return true;
        }

        var digits = letter + 1;
        end = digits + 4;
        if (end >= _text.Length)
        {
            return Fail("Invalid \\uXXXX escape", digits - 1);
        }

        if (!TryHex4(digits, out var unit))
        {
            return Fail("Invalid \\uXXXX escape", end - 5);
        }

        // A high surrogate followed by \uXXXX: a pair when the second is a low surrogate.
        if (char.IsHighSurrogate((char)unit) && end + 6 < _text.Length && _text[end] == '\\' && _text[end + 1] == 'u')
        {
            if (!TryHex4(end + 2, out var low))
            {
                return Fail("Invalid \\uXXXX escape", end + 1);
            }

            if (char.IsLowSurrogate((char)low))
            {
                text.Append((char)unit).Append((char)low);
                end += 6;
                return true;
            }
        }

        // Paired surrogates returned above: this one is alone, which Python keeps and Lacquer refuses (PythonJsonResult).
        _loneSurrogate |= char.IsSurrogate((char)unit);
        text.Append((char)unit);
        return true;
    }

    private bool TryHex4(int start, out int value)
    {
        value = 0;
        for (var i = start; i < start + 4; i++)
        {
            var c = _text[i];
            var digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        return true;
    }

    /// <summary>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)? with Python's backtracking; otherwise "Expecting value".</summary>
    private bool TryScanNumber(int start, out object? value, out int end)
    {
        value = null;
        end = start;
        var last = _text.Length - 1;
        var index = start;
        if (_text[index] == '-' && ++index > last)
        {
            return Fail(ExpectingValue, start);
        }

        if (IsDigit(index) && _text[index] != '0')
        {
            while (++index <= last && IsDigit(index))
            {
            }
        }
        else if (_text[index] == '0')
        {
            index++;
        }
        else
        {
            return Fail(ExpectingValue, start);
        }

        var isFloat = false;
        if (index < last && _text[index] == '.' && IsDigit(index + 1))
        {
            isFloat = true;
            index += 2;
            while (index <= last && IsDigit(index))
            {
                index++;
            }
        }

        if (index < last && _text[index] is 'e' or 'E')
        {
            var exponentStart = index++;
            if (index < last && _text[index] is '-' or '+')
            {
                index++;
            }

            while (index <= last && IsDigit(index))
            {
                index++;
            }

            if (IsDigit(index - 1))
            {
                isFloat = true;
            }
            else
            {
                index = exponentStart;
            }
        }

        var literal = Substring(start, index);
        value = isFloat ? Float(literal) : Integer(literal);
        end = index;
        return true;
    }

    private static PythonJsonNumber Float(string literal)
    {
        var number = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(number) ? new(PythonFloat.Repr(number), true) : new(number > 0 ? "Infinity" : "-Infinity", false);
    }

    /// <summary>Python ints have no size limit and print without a sign when zero.</summary>
    private static PythonJsonNumber Integer(string literal) => new(literal == "-0" ? "0" : literal, true);

    private bool IsDigit(int index) => index < _text.Length && _text[index] is >= '0' and <= '9';

    private string Substring(int start, int end)
    {
        var text = new StringBuilder(end - start);
        AppendCodePoints(text, start, end);
        return text.ToString();
    }

    private void AppendCodePoints(StringBuilder text, int start, int end)
    {
        Span<char> units = stackalloc char[2];
        for (var i = start; i < end; i++)
        {
            var written = new Rune(_text[i]).EncodeToUtf16(units);
            text.Append(units[..written]);
        }
    }
}
