namespace Lacquer.Configuration;

/// <summary>Character-level rules shared by the setting readers.</summary>
internal static class Syntax
{
    /// <summary>Zone and token names: ASCII letters, digits, <c>-</c>, <c>_</c> and <c>.</c>, at least one character.</summary>
    public static bool IsName(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An RFC 9110 §5.6.2 <c>token</c>, the syntax of a header field name.</summary>
    public static bool IsToken(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !"!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Exactly <paramref name="length"/> hexadecimal digits, either case.</summary>
    public static bool IsHex(string text, int length)
    {
        if (text.Length != length)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
