// Owns: whether a response may be stored by this shared cache, and for how long it is fresh
// (RFC 9111 §3). Checks run in this order and the first "no" is the answer:
//   1. method GET or HEAD (§3; RFC 9110 §9.2.3)          -> MethodNotCacheable
//   2. status final (§3; RFC 9110 §15.2)                  -> StatusNotFinal
//   3. status 206, 304 or outside 100..599 (§3.3, §4.3.4) -> StatusNotStorable
//   4. must-understand with a status we do not know (§3, §5.2.2.3) -> StatusNotStorable
//   5. request no-store (§5.2.1.5)                        -> RequestNoStore
//   6. response no-store (§5.2.2.5), unless must-understand and the status is understood (§5.2.2.3)
//                                                         -> ResponseNoStore
//   7. private, qualified or not (§5.2.2.7)               -> ResponsePrivate
//   8. Authorization without public/s-maxage/must-revalidate (§3.5) -> AuthorizationWithoutPermission
//   9. Set-Cookie when the zone forbids it (policy)       -> SetCookieNotAllowed
//  10. Vary: * (§4.1)                                     -> VaryStar
//  11. no-cache, qualified or not (§5.2.2.4): stored with a zero freshness lifetime, so that every reuse is
//      validated first (and StalePolicy never lets it be served stale), when it has a validator to revalidate
//      with and §3 lets it be stored at all (explicit freshness, public, or a heuristically cacheable status);
//      otherwise                                          -> ResponseNoCache
//  12. invalid explicit freshness (§4.2.1)                -> InvalidFreshness
//  13. zero freshness lifetime (§4.2)                     -> NoFreshnessLifetime
// Choices: qualified no-cache="field" is treated like bare no-cache (revalidate every reuse), which satisfies
// "MUST NOT reuse the listed fields without validation" (§5.2.2.4) without splitting a response; a no-cache
// response without ETag or Last-Modified is not stored, since every reuse would be a full refetch anyway.
// Departures, toward not storing: qualified private could be stored without the named fields (§5.2.2.7);
// the 206 fragments (§3.3, §3.4) are not stored either.
namespace Lacquer.Caching.Semantics;

internal static class Storability
{
    /// <param name="responseTime">When the response was received (used as Date when Date is missing).</param>
    public static StorageDecision Decide(
        RequestFacts request,
        ResponseFacts response,
        CachePolicy policy,
        DateTimeOffset responseTime)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(policy);
        var cacheControl = response.CacheControl;

        // 1. RFC 9110 §9.2.3: methods are case-sensitive; this cache stores GET and HEAD only.
        if (request.Method is not ("GET" or "HEAD"))
        {
            return StorageDecision.NotStored(NotStoredReason.MethodNotCacheable);
        }

        // 2-3. §3: "the response status code is final"; 206 and 304 are not stored as responses.
        if (StatusSemantics.IsInterim(response.Status))
        {
            return StorageDecision.NotStored(NotStoredReason.StatusNotFinal);
        }

        if (!StatusSemantics.IsValid(response.Status) || response.Status is 206 or 304)
        {
            return StorageDecision.NotStored(NotStoredReason.StatusNotStorable);
        }

        // 4. §3, §5.2.2.3: with must-understand, store only if the cache understands the status.
        if (cacheControl.MustUnderstand && !StatusSemantics.IsUnderstood(response.Status))
        {
            return StorageDecision.NotStored(NotStoredReason.StatusNotStorable);
        }

        // 5. §5.2.1.5: "a cache MUST NOT store any part of either this request or any response to it".
        if (request.CacheControl.NoStore)
        {
            return StorageDecision.NotStored(NotStoredReason.RequestNoStore);
        }

        // 6. §5.2.2.5; §5.2.2.3: a cache that understands the status "SHOULD ignore the no-store directive".
        if (cacheControl.NoStore && !cacheControl.MustUnderstand)
        {
            return StorageDecision.NotStored(NotStoredReason.ResponseNoStore);
        }

        // 7. §5.2.2.7: "a shared cache MUST NOT store the response" (the qualified form: see file header).
        if (cacheControl.Private)
        {
            return StorageDecision.NotStored(NotStoredReason.ResponsePrivate);
        }

        // 8. §3.5: only must-revalidate, public and s-maxage allow a shared cache to reuse it.
        if (request.HasAuthorization
            && !cacheControl.Public && !cacheControl.MustRevalidate && !cacheControl.SMaxAge.IsPresent)
        {
            return StorageDecision.NotStored(NotStoredReason.AuthorizationWithoutPermission);
        }

        // 9. Policy (RFC 9111 §7.3, caching of sensitive information): cookies are usually per-user.
        if (response.HasSetCookie && !policy.CacheSetCookie)
        {
            return StorageDecision.NotStored(NotStoredReason.SetCookieNotAllowed);
        }

        // 10. §4.1: "A stored response with a Vary header field value containing a member '*' always fails to match".
        if (response.Vary.IsStar)
        {
            return StorageDecision.NotStored(NotStoredReason.VaryStar);
        }

        // 12-13. §4.2.1 / §4.2.2: a response with no freshness would be stale on arrival.
        var (lifetime, source) = Freshness.Lifetime(response, policy, responseTime);

        // 11. §5.2.2.4: "MUST NOT be used to satisfy any other request without forwarding it for validation".
        if (cacheControl.NoCache)
        {
            var allowed = source != FreshnessSource.None || cacheControl.Public || StatusSemantics.IsHeuristicallyCacheable(response.Status);
            return response.HasValidator && allowed
                ? StorageDecision.Stored(TimeSpan.Zero, source)
                : StorageDecision.NotStored(NotStoredReason.ResponseNoCache);
        }

        if (source == FreshnessSource.Invalid)
        {
            return new StorageDecision(NotStoredReason.InvalidFreshness, lifetime, source);
        }

        if (lifetime <= TimeSpan.Zero)
        {
            return new StorageDecision(NotStoredReason.NoFreshnessLifetime, lifetime, source);
        }

        return StorageDecision.Stored(lifetime, source);
    }
}
