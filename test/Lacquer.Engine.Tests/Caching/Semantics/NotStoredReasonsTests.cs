using System.Text.RegularExpressions;

namespace Lacquer.Caching.Semantics;

public sealed class NotStoredReasonsTests
{
    // RFC 9211 §2.8: the Cache-Status detail token of each reason (also log event and counter label).
    [Theory]
    [InlineData("None", "none")]
    [InlineData("MethodNotCacheable", "method")]
    [InlineData("StatusNotFinal", "status-not-final")]
    [InlineData("StatusNotStorable", "status-not-storable")]
    [InlineData("RequestNoStore", "request-no-store")]
    [InlineData("ResponseNoStore", "response-no-store")]
    [InlineData("ResponsePrivate", "response-private")]
    [InlineData("ResponseNoCache", "response-no-cache")]
    [InlineData("AuthorizationWithoutPermission", "authorization")]
    [InlineData("SetCookieNotAllowed", "set-cookie")]
    [InlineData("VaryStar", "vary-star")]
    [InlineData("NoFreshnessLifetime", "no-freshness")]
    [InlineData("InvalidFreshness", "invalid-freshness")]
    [InlineData("ObjectTooLarge", "too-large")]
    [InlineData("OriginBodyBroken", "origin-body-broken")]
    [InlineData("PurgedDuringFill", "purged")]
    [InlineData("StoreFault", "store-fault")]
    public void Detail_Is_A_Stable_Kebab_Token(string reason, string detail)
    {
        Assert.Equal(detail, NotStoredReasons.Detail(Enum.Parse<NotStoredReason>(reason)));
    }

    [Fact]
    public void Every_Reason_Has_A_Distinct_Kebab_Token()
    {
        var details = Enum.GetValues<NotStoredReason>().Select(NotStoredReasons.Detail).ToList();

        Assert.All(details, detail => Assert.Matches(KebabCase(), detail));
        Assert.Equal(details.Count, details.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Detail_Of_An_Undefined_Reason_Fails_Loudly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NotStoredReasons.Detail((NotStoredReason)999));
    }

    private static Regex KebabCase() => new("^[a-z]+(-[a-z]+)*$", RegexOptions.None, TimeSpan.FromSeconds(1));
}
