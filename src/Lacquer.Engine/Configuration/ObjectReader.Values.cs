namespace Lacquer.Configuration;

/// <summary>
/// Typed single values. Each reports a bad value at its path, quoting it (these are never secrets),
/// and returns the fallback so that reading continues.
/// </summary>
internal sealed partial class ObjectReader
{
    /// <summary>A duration within [<paramref name="minimum"/>, <paramref name="maximum"/>]; the fallback when missing or invalid.</summary>
    public TimeSpan Duration(string key, TimeSpan fallback, TimeSpan minimum, TimeSpan maximum)
    {
        var node = Node(key);
        if (!node.TryReadText(Errors, required: false, out var text))
        {
            return fallback;
        }

        if (!Durations.TryParse(text, out var value))
        {
            Errors.Add(new(node.Path, $"must be a duration such as 250ms, 30s, 5m, 1h, 1d or 00:00:30 (found {Quote(text)})"));
            return fallback;
        }

        if (value < minimum || value > maximum)
        {
            Errors.Add(new(node.Path, $"must be between {Format(minimum)} and {Format(maximum)} (found {Quote(text)})"));
            return fallback;
        }

        return value;
    }

    /// <summary>A size in bytes, at least <paramref name="minimum"/>; the fallback when missing or invalid.</summary>
    public long Size(string key, long fallback, long minimum)
    {
        var node = Node(key);
        if (!node.TryReadText(Errors, required: false, out var text))
        {
            return fallback;
        }

        if (!Sizes.TryParse(text, out var value))
        {
            Errors.Add(new(node.Path, $"must be a size such as 1048576, 64KiB, 16MB or 1GiB (found {Quote(text)})"));
            return fallback;
        }

        if (value < minimum)
        {
            Errors.Add(new(node.Path, $"must be at least {minimum} bytes (found {Quote(text)})"));
            return fallback;
        }

        return value;
    }

    /// <summary>A whole number within [<paramref name="minimum"/>, <paramref name="maximum"/>]; the fallback when missing or invalid.</summary>
    public int Integer(string key, int fallback, int minimum, int maximum)
    {
        var node = Node(key);
        if (!node.TryReadText(Errors, required: false, out var text))
        {
            return fallback;
        }

        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || value < minimum || value > maximum)
        {
            Errors.Add(new(node.Path, $"must be a whole number from {minimum} to {maximum} (found {Quote(text)})"));
            return fallback;
        }

        return value;
    }

    /// <summary><c>true</c> or <c>false</c>, any case; the fallback when missing or invalid.</summary>
    public bool Boolean(string key, bool fallback)
    {
        var node = Node(key);
        if (!node.TryReadText(Errors, required: false, out var text))
        {
            return fallback;
        }

        if (!bool.TryParse(text, out var value))
        {
            Errors.Add(new(node.Path, $"must be true or false (found {Quote(text)})"));
            return fallback;
        }

        return value;
    }

    /// <summary>Quotes a non-secret value for a message, shortened so a stray blob cannot flood the log.</summary>
    public static string Quote(string value) =>
        value.Length <= 64 ? $"\"{value}\"" : $"\"{value[..61]}...\"";

    private static string Format(TimeSpan value) =>
        value == TimeSpan.Zero ? "0s"
        : value.Ticks % TimeSpan.TicksPerDay == 0 ? $"{value.Days}d"
        : value.Ticks % TimeSpan.TicksPerSecond == 0 ? $"{(long)value.TotalSeconds}s"
        : $"{(long)value.TotalMilliseconds}ms";
}
