// Owns: what a stored response allows once it is stale (RFC 9111 §4.2.4, RFC 5861), reduced from its
// Cache-Control once at store time so the hit path reads three fields instead of parsing headers.
// Every stored entry holds one, so it is kept to 8 bytes: the windows as whole seconds in 4 bytes each, the
// must-revalidate flag in a spare bit, and "no stale-if-error" as a zero rather than a TimeSpan? (three
// TimeSpans and a flag took 24 bytes of every entry).
namespace Lacquer.Caching.Semantics;

internal readonly record struct StalePolicy
{
    private const uint MustRevalidateBit = 1u << 31;

    /// <summary>
    /// The stale-while-revalidate window in whole seconds (delta-seconds) in the low 31 bits, must-revalidate in
    /// the top one. Windows are clamped to 2^31 - 1 seconds, "the greatest positive integer it can conveniently
    /// represent" (RFC 9111 §1.2.2), so the struct takes 8 bytes.
    /// </summary>
    private readonly uint _whileRevalidate;

    /// <summary>The stale-if-error window in seconds plus one; 0 when the response said nothing.</summary>
    private readonly uint _ifErrorPlusOne;

    /// <param name="mustRevalidate">must-revalidate, proxy-revalidate or s-maxage: never served stale (§5.2.2.2, §5.2.2.8, §5.2.2.10).</param>
    /// <param name="staleWhileRevalidate">RFC 5861 §3 window; zero when absent. Kept in whole seconds.</param>
    /// <param name="staleIfError">RFC 5861 §4 window; null when the response said nothing. Kept in whole seconds.</param>
    public StalePolicy(bool mustRevalidate, TimeSpan staleWhileRevalidate, TimeSpan? staleIfError)
    {
        _whileRevalidate = Seconds(staleWhileRevalidate) | (mustRevalidate ? MustRevalidateBit : 0);
        _ifErrorPlusOne = staleIfError is { } window ? Seconds(window) + 1 : 0;
    }

    public bool MustRevalidate => (_whileRevalidate & MustRevalidateBit) != 0;

    public TimeSpan StaleWhileRevalidate => TimeSpan.FromSeconds(_whileRevalidate & ~MustRevalidateBit);

    public TimeSpan? StaleIfError => _ifErrorPlusOne == 0 ? null : TimeSpan.FromSeconds(_ifErrorPlusOne - 1);

    public static StalePolicy Of(CacheControl cacheControl)
    {
        ArgumentNullException.ThrowIfNull(cacheControl);
        return new(
            Reuse.MustRevalidateWhenStale(cacheControl),
            cacheControl.StaleWhileRevalidate.ToTimeSpan(),
            cacheControl.StaleIfError.IsValid ? cacheControl.StaleIfError.ToTimeSpan() : null);
    }

    private static uint Seconds(TimeSpan window) => (uint)Math.Clamp((long)window.TotalSeconds, 0, int.MaxValue);
}
