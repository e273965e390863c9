// Owns: may a stored response answer this request without contacting the origin (RFC 9111 §4)?
// Inputs are the stored response's freshness lifetime and current age, whether it must be revalidated
// once stale, whether a purge marked it stale, and the request's directives. Rules, in order:
//   1. request no-cache / Pragma: no-cache (§5.2.1.4, §5.4)         -> RequestNoCache (validate)
//   2. soft-purged: treated as stale, whatever its age                -> Stale
//   3. fresh (lifetime > age, §4.2):
//        request max-age=N and age > N (§5.2.1.1)                     -> TooOldForRequest
//        request min-fresh=N and lifetime - age < N (§5.2.1.3)        -> TooOldForRequest
//        otherwise                                                   -> Fresh
//   4. stale, within the response's stale-while-revalidate=N (RFC 5861 §3: staleness <= N; a soft-purged
//      entry counts its staleness from the purge, i.e. 0), and neither must-revalidate nor a request max-age
//      forbids it                                                     -> StaleWhileRevalidate
//   5. stale: request max-stale (bare, or =N with age - lifetime <= N, §5.2.1.2), unless the stored
//      response has must-revalidate, proxy-revalidate or s-maxage (§5.2.2.2, §5.2.2.8, §5.2.2.10: a
//      shared cache MUST NOT serve those stale) and unless a request max-age also rules it out
//                                                                     -> StaleAccepted
//      otherwise                                                     -> Stale
// An invalid request directive value is ignored (§4.2.1 asks for the more restrictive reading only of
// response freshness; a malformed request directive cannot make a response more fresh).
namespace Lacquer.Caching.Semantics;

internal static class Reuse
{
    public static ReuseDecision Decide(TimeSpan lifetime, TimeSpan age, bool mustRevalidateWhenStale, bool softPurged, RequestFacts request) =>
        Decide(lifetime, age, mustRevalidateWhenStale, softPurged, TimeSpan.Zero, request);

    public static ReuseDecision Decide(TimeSpan lifetime, TimeSpan age, bool mustRevalidateWhenStale, bool softPurged, TimeSpan staleWhileRevalidate, RequestFacts request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var directives = request.CacheControl;

        // 1.
        if (request.NoCache)
        {
            return ReuseDecision.RequestNoCache;
        }

        // 2-3.
        var maxAge = directives.MaxAge;
        var fresh = !softPurged && lifetime > age;
        if (fresh)
        {
            if (maxAge.IsValid && age > maxAge.ToTimeSpan())
            {
                return ReuseDecision.TooOldForRequest;
            }

            var minFresh = directives.MinFresh;
            return minFresh.IsValid && lifetime - age < minFresh.ToTimeSpan()
                ? ReuseDecision.TooOldForRequest
                : ReuseDecision.Fresh;
        }

        // 4.
        var staleness = age > lifetime ? age - lifetime : TimeSpan.Zero;
        var tooOld = maxAge.IsValid && age > maxAge.ToTimeSpan();
        if (!mustRevalidateWhenStale && !tooOld && staleWhileRevalidate > TimeSpan.Zero && staleness <= staleWhileRevalidate)
        {
            return ReuseDecision.StaleWhileRevalidate;
        }

        // 5.
        if (softPurged || mustRevalidateWhenStale || tooOld)
        {
            return ReuseDecision.Stale;
        }

        var accepted = directives.MaxStaleAny || (directives.MaxStale.IsValid && staleness <= directives.MaxStale.ToTimeSpan());
        return accepted ? ReuseDecision.StaleAccepted : ReuseDecision.Stale;
    }

    /// <summary>
    /// May a stale response be served because the origin failed (RFC 5861 §4 stale-if-error, or the zone's
    /// serve-stale-on-error when the response said nothing)? Never for must-revalidate, proxy-revalidate or
    /// s-maxage responses (RFC 9111 §4.2.4).
    /// </summary>
    public static bool MayServeStaleOnError(TimeSpan lifetime, TimeSpan age, bool mustRevalidateWhenStale, TimeSpan? staleIfError, TimeSpan zoneDefault)
    {
        if (mustRevalidateWhenStale)
        {
            return false;
        }

        var window = staleIfError ?? zoneDefault;
        var staleness = age > lifetime ? age - lifetime : TimeSpan.Zero;
        return window > TimeSpan.Zero && staleness <= window;
    }

    /// <summary>
    /// §5.2.2.2, §5.2.2.8, §5.2.2.10: responses a shared cache must not serve stale; and §5.2.2.4 no-cache, which
    /// is stored already stale and must be validated before every reuse (§4.2.4 names it among the directives
    /// that forbid a stale response).
    /// </summary>
    public static bool MustRevalidateWhenStale(CacheControl response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.MustRevalidate || response.ProxyRevalidate || response.SMaxAge.IsPresent || response.NoCache;
    }
}
