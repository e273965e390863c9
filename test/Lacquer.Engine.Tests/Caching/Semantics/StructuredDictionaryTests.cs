namespace Lacquer.Caching.Semantics;

public sealed class StructuredDictionaryTests
{
    // RFC 8941 §4.2.2: valid dictionaries, with every member type, parameters and inner lists.
    [Theory]
    [InlineData("max-age=60", "max-age:Integer")]
    [InlineData("max-age=60, no-store", "max-age:Integer no-store:Boolean")]
    [InlineData("max-age=60,no-store", "max-age:Integer no-store:Boolean")]
    [InlineData("max-age=60 ,\tno-store", "max-age:Integer no-store:Boolean")]
    [InlineData("  max-age=60  ", "max-age:Integer")]
    [InlineData("a=-7, b=1.5, c=\"x\\\"y\", d=tok/en:1, e=:aGk=:, f=?0, g=?1", "a:Integer b:Decimal c:String d:Token e:ByteSequence f:Boolean g:Boolean")]
    [InlineData("a=(1 \"two\" three);p=1, b", "a:InnerList b:Boolean")]
    [InlineData("a=( ), b=()", "a:InnerList b:InnerList")]
    [InlineData("a;p;q=2, b=1;r=\"s\"", "a:Boolean b:Integer")]
    [InlineData("a=1, a=\"two\"", "a:String")] // a repeated key keeps its last value
    [InlineData("*x.y_z-1=1", "*x.y_z-1:Integer")]
    [InlineData("a=999999999999999", "a:Integer")]
    [InlineData("a=123456789012.123", "a:Decimal")]
    public void Valid_Dictionaries_Parse(string value, string expected)
    {
        Assert.True(StructuredDictionary.TryParse(value, out var members));
        Assert.Equal(expected, string.Join(' ', members.Select(m => $"{m.Key}:{m.Value.Kind}")));
    }

    // Anything else fails the whole field.
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("max-age=10000, &&&&&")]
    [InlineData("Max-Age=60")] // keys are lower case
    [InlineData("max-age=60,")] // trailing comma
    [InlineData(",max-age=60")]
    [InlineData("max-age=60,,no-store")]
    [InlineData("max-age = 60")]
    [InlineData("max-age=")]
    [InlineData("max-age=60 no-store")]
    [InlineData("a=\"unterminated")]
    [InlineData("a=\"bad\\escape\"")]
    [InlineData("a=\"tab\tinside\"")]
    [InlineData("a=1.")]
    [InlineData("a=1.2345")]
    [InlineData("a=1234567890123.1")]
    [InlineData("a=1234567890123456")] // 16 digits
    [InlineData("a=-")]
    [InlineData("a=?2")]
    [InlineData("a=:not base64!:")]
    [InlineData("a=:open")]
    [InlineData("a=(1 2")]
    [InlineData("a=(1,2)")]
    [InlineData("a;=1")]
    [InlineData("a;P=1")]
    [InlineData("a=@1659578233")] // a Date (RFC 9651) is not an RFC 8941 type
    [InlineData("a=1\u00e9")]
    public void Invalid_Dictionaries_Fail(string? value)
    {
        Assert.False(StructuredDictionary.TryParse(value, out _));
    }

    // RFC 9213 §2.1: members map back to directives by type; a field that fails, or a known directive of the
    // wrong type, is ignored as a whole (null).
    [Theory]
    [InlineData("max-age=60", "max-age=60")]
    [InlineData("s-maxage=30, max-age=60, stale-while-revalidate=5, stale-if-error=7", "s-maxage=30 max-age=60 swr=5 sie=7")]
    [InlineData("no-store, public, must-revalidate, proxy-revalidate, no-transform, immutable, must-understand", "no-store public must-revalidate proxy-revalidate no-transform immutable must-understand")]
    [InlineData("no-cache, private", "no-cache private")]
    [InlineData("no-cache=\"Set-Cookie, X-A\"", "no-cache[set-cookie,x-a]")]
    [InlineData("max-age=60;foo=bar, x-ext=(1 2), y=1.5", "max-age=60")] // parameters and unknown members ignored
    [InlineData("max-age=10, max-age=20", "max-age=20")] // the Dictionary keeps the last value
    [InlineData("max-age=99999999999", "max-age=2147483648")] // delta-seconds clamp (RFC 9111 §1.2.2)
    [InlineData("max-age=10000, &&&&&", null)]
    [InlineData("max-age=\"10000\"", null)]
    [InlineData("max-age=1.5", null)]
    [InlineData("max-age=-1", null)]
    [InlineData("max-age", null)]
    [InlineData("max-age=ten", null)]
    [InlineData("no-store=?0", null)]
    [InlineData("no-store=1", null)]
    [InlineData("private=tok", null)]
    [InlineData("no-cache=(a b)", null)]
    [InlineData("", null)]
    public void Targeted_Field_Maps_Members_By_Type(string value, string? expected)
    {
        var directives = CacheControl.ParseTargeted(value);

        Assert.Equal(expected, directives is null ? null : Describe(directives));
    }

    private static string Describe(CacheControl c)
    {
        var parts = new List<string>();
        if (c.SMaxAge.IsPresent) { parts.Add($"s-maxage={c.SMaxAge.Seconds}"); }
        if (c.MaxAge.IsPresent) { parts.Add($"max-age={c.MaxAge.Seconds}"); }
        if (c.StaleWhileRevalidate.IsPresent) { parts.Add($"swr={c.StaleWhileRevalidate.Seconds}"); }
        if (c.StaleIfError.IsPresent) { parts.Add($"sie={c.StaleIfError.Seconds}"); }
        if (c.NoStore) { parts.Add("no-store"); }
        if (c.Public) { parts.Add("public"); }
        if (c.MustRevalidate) { parts.Add("must-revalidate"); }
        if (c.ProxyRevalidate) { parts.Add("proxy-revalidate"); }
        if (c.NoTransform) { parts.Add("no-transform"); }
        if (c.Immutable) { parts.Add("immutable"); }
        if (c.MustUnderstand) { parts.Add("must-understand"); }
        if (c.NoCache) { parts.Add(c.NoCacheFields.Count > 0 ? $"no-cache[{string.Join(',', c.NoCacheFields)}]" : "no-cache"); }
        if (c.Private) { parts.Add("private"); }
        return string.Join(' ', parts);
    }
}
