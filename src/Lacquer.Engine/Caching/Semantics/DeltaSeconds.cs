// Owns: the delta-seconds value type (RFC 9111 §1.2.2) and its parsing. Never throws on input text;
// values above 2^31 clamp to 2147483648 as §1.2.2 directs, however many digits arrive.
namespace Lacquer.Caching.Semantics;

/// <summary>A delta-seconds directive value: absent, a valid number of seconds, or invalid.</summary>
internal readonly record struct DeltaSeconds(DeltaState State, long Seconds)
{
    /// <summary>The largest value a cache must represent (2^31); larger values clamp to it (RFC 9111 §1.2.2).</summary>
    public const long MaxSeconds = 2147483648;

    public static DeltaSeconds Absent => default;

    public static DeltaSeconds Invalid => new(DeltaState.Invalid, 0);

    public bool IsValid => State == DeltaState.Valid;

    public bool IsPresent => State != DeltaState.Absent;

    /// <summary>The value as a duration; zero unless <see cref="IsValid"/>.</summary>
    public TimeSpan ToTimeSpan() => IsValid ? TimeSpan.FromSeconds(Seconds) : TimeSpan.Zero;

    /// <summary>A valid value, clamped to <see cref="MaxSeconds"/>. A negative value is a caller bug.</summary>
    public static DeltaSeconds Of(long seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        return new(DeltaState.Valid, Math.Min(seconds, MaxSeconds));
    }

    /// <summary>
    /// Parses <c>delta-seconds = 1*DIGIT</c> (RFC 9111 §1.2.2). Anything else — empty, a sign, a
    /// fraction, letters — is <see cref="Invalid"/>. Surrounding whitespace is not trimmed here.
    /// </summary>
    public static DeltaSeconds Parse(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return Invalid;
        }

        long value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return Invalid;
            }

            // §1.2.2: keep reading digits but never grow past 2^31, so huge strings cannot overflow.
            if (value < MaxSeconds)
            {
                value = Math.Min((value * 10) + (c - '0'), MaxSeconds);
            }
        }

        return new(DeltaState.Valid, value);
    }

    /// <summary>
    /// Folds a repeated directive into the value seen so far: identical duplicates are harmless,
    /// different ones make the value invalid ("consider the response stale", RFC 9111 §4.2.1).
    /// </summary>
    public DeltaSeconds CombineWith(DeltaSeconds next)
    {
        if (State == DeltaState.Absent)
        {
            return next;
        }

        return this == next ? this : Invalid;
    }
}
