// Owns: what a stored response allows once it is stale (RFC 9111 §4.2.4, RFC 5861), reduced from its
// Cache-Control once at store time so the hit path reads three fields instead of parsing headers.
// Every stored entry holds one, so "no stale-if-error" is a sentinel rather than a TimeSpan? (whose flag
// and padding would add 8 bytes to each entry).
namespace Lacquer.Caching.Semantics;

internal readonly record struct StalePolicy
{
    /// <summary>Stands for "the response said nothing"; a parsed window is never negative.</summary>
    private static readonly TimeSpan NoStaleIfError = TimeSpan.MinValue;

    private readonly TimeSpan _staleIfError;

    /// <param name="mustRevalidate">must-revalidate, proxy-revalidate or s-maxage: never served stale (§5.2.2.2, §5.2.2.8, §5.2.2.10).</param>
    /// <param name="staleWhileRevalidate">RFC 5861 §3 window; zero when absent.</param>
    /// <param name="staleIfError">RFC 5861 §4 window; null when the response said nothing.</param>
    public StalePolicy(bool mustRevalidate, TimeSpan staleWhileRevalidate, TimeSpan? staleIfError)
    {
        MustRevalidate = mustRevalidate;
        StaleWhileRevalidate = staleWhileRevalidate;
        _staleIfError = staleIfError ?? NoStaleIfError;
    }

    public bool MustRevalidate { get; }

    public TimeSpan StaleWhileRevalidate { get; }

    public TimeSpan? StaleIfError => _staleIfError == NoStaleIfError ? null : _staleIfError;

    public static StalePolicy Of(CacheControl cacheControl)
    {
        ArgumentNullException.ThrowIfNull(cacheControl);
        return new(
            Reuse.MustRevalidateWhenStale(cacheControl),
            cacheControl.StaleWhileRevalidate.ToTimeSpan(),
            cacheControl.StaleIfError.IsValid ? cacheControl.StaleIfError.ToTimeSpan() : null);
    }
}
