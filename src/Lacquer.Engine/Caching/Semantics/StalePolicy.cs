// Owns: what a stored response allows once it is stale (RFC 9111 §4.2.4, RFC 5861), reduced from its
// Cache-Control once at store time so the hit path reads three fields instead of parsing headers.
namespace Lacquer.Caching.Semantics;

/// <param name="MustRevalidate">must-revalidate, proxy-revalidate or s-maxage: never served stale (§5.2.2.2, §5.2.2.8, §5.2.2.10).</param>
/// <param name="StaleWhileRevalidate">RFC 5861 §3 window; zero when absent.</param>
/// <param name="StaleIfError">RFC 5861 §4 window; null when the response said nothing.</param>
internal readonly record struct StalePolicy(bool MustRevalidate, TimeSpan StaleWhileRevalidate, TimeSpan? StaleIfError)
{
    public static StalePolicy Of(CacheControl cacheControl)
    {
        ArgumentNullException.ThrowIfNull(cacheControl);
        return new(
            Reuse.MustRevalidateWhenStale(cacheControl),
            cacheControl.StaleWhileRevalidate.ToTimeSpan(),
            cacheControl.StaleIfError.IsValid ? cacheControl.StaleIfError.ToTimeSpan() : null);
    }
}
