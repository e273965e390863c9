// Owns: the stable kebab-case token of each NotStoredReason, used as the Cache-Status detail
// (RFC 9211 §2.8), the log event name and the counter label. Literals only: no allocation per call.
namespace Lacquer.Caching.Semantics;

internal static class NotStoredReasons
{
    public static string Detail(NotStoredReason reason) => reason switch
    {
        NotStoredReason.None => "none",
        NotStoredReason.MethodNotCacheable => "method",
        NotStoredReason.StatusNotFinal => "status-not-final",
        NotStoredReason.StatusNotStorable => "status-not-storable",
        NotStoredReason.RequestNoStore => "request-no-store",
        NotStoredReason.ResponseNoStore => "response-no-store",
        NotStoredReason.ResponsePrivate => "response-private",
        NotStoredReason.ResponseNoCache => "response-no-cache",
        NotStoredReason.AuthorizationWithoutPermission => "authorization",
        NotStoredReason.SetCookieNotAllowed => "set-cookie",
        NotStoredReason.VaryStar => "vary-star",
        NotStoredReason.NoFreshnessLifetime => "no-freshness",
        NotStoredReason.InvalidFreshness => "invalid-freshness",
        NotStoredReason.ObjectTooLarge => "too-large",
        NotStoredReason.OriginBodyBroken => "origin-body-broken",
        NotStoredReason.PurgedDuringFill => "purged",
        NotStoredReason.StoreFault => "store-fault",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown NotStoredReason."),
    };
}
