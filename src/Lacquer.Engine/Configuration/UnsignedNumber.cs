namespace Lacquer.Configuration;

/// <summary>The shared number syntax of <see cref="Sizes"/> and <see cref="Durations"/>: digits, optionally a dot and more digits.</summary>
internal static class UnsignedNumber
{
    /// <summary>Length of the number at the start of <paramref name="text"/>, or 0 if it does not start with one.</summary>
    public static int Length(ReadOnlySpan<char> text)
    {
        var i = Digits(text, 0);
        if (i == 0)
        {
            return 0;
        }

        if (i < text.Length && text[i] == '.')
        {
            var end = Digits(text, i + 1);
            return end == i + 1 ? 0 : end;
        }

        return i;
    }

    private static int Digits(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }
}
