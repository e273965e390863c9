// Selecting a Vary variant (RFC 9111 §4.1): field lines combined, whitespace around list commas removed,
// values compared exactly; an absent field matches only an absent field.
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Lacquer.Zones;

namespace Lacquer.Caching.Keys;

public sealed class VaryValuesTests
{
    private static readonly string[] AcceptLanguage = ["accept-language"];
    private static readonly string[] LanguageAndEncoding = ["accept-encoding", "accept-language"];

    [Theory]
    [InlineData(new[] { "en" }, "en")]
    [InlineData(new[] { "  en\t" }, "en")]
    [InlineData(new[] { "en,de" }, "en,de")]
    [InlineData(new[] { "en , de" }, "en,de")]
    [InlineData(new[] { " en ,\tde ,fr " }, "en,de,fr")]
    [InlineData(new[] { "en", "de" }, "en,de")]
    [InlineData(new[] { "en , de", " fr" }, "en,de,fr")]
    [InlineData(new[] { "" }, "")]
    [InlineData(new[] { "en;q=0.8, de;q=0.9" }, "en;q=0.8,de;q=0.9")]
    [InlineData(new[] { " , en" }, "en")] // no separator before anything was written
    [InlineData(new[] { "en,,de" }, "en,,de")]
    [InlineData(new[] { ",", "" }, "")]
    public void Normalize_Combines_Lines_And_Trims_List_Members(string[] lines, string expected)
    {
        Assert.Equal(expected, VaryValues.Normalize(new StringValues(lines)));
    }

    [Fact]
    public void Normalize_Keeps_Case_And_Inner_Whitespace()
    {
        Assert.Equal("EN-gb,de DE", VaryValues.Normalize(new StringValues("EN-gb , de DE")));
    }

    [Fact]
    public void Capture_Records_Normalised_Values_And_Null_For_Absent_Fields()
    {
        var request = Headers(("Accept-Language", "en , de"));

        var values = VaryValues.Capture(LanguageAndEncoding, request);

        Assert.Equal(new string?[] { null, "en,de" }, values);
    }

    [Fact]
    public void Capture_Of_No_Names_Is_Empty()
    {
        Assert.Empty(VaryValues.Capture([], Headers(("Accept-Language", "en"))));
    }

    [Theory]
    [InlineData("en", "en", true)]
    [InlineData("en,de", "en , de", true)]
    [InlineData("en,de", " en,de ", true)]
    [InlineData("en", "de", false)]
    [InlineData("en", "EN", false)] // compared exactly: a harmless case difference costs a miss, never a wrong answer
    [InlineData("en,de", "de,en", false)]
    [InlineData("en", "", false)]
    public void Matches_Compares_Normalised_Values(string stored, string requested, bool expected)
    {
        Assert.Equal(expected, VaryValues.Matches(AcceptLanguage, [stored], Headers(("Accept-Language", requested))));
    }

    [Fact]
    public void Matches_Treats_Separate_Field_Lines_Like_One_Combined_Line()
    {
        Assert.True(VaryValues.Matches(AcceptLanguage, ["en,de"], Headers(("Accept-Language", "en"), ("Accept-Language", "de"))));
    }

    [Fact]
    public void Absent_Field_Matches_Only_An_Absent_Field()
    {
        Assert.True(VaryValues.Matches(AcceptLanguage, [null], Headers()));
        Assert.False(VaryValues.Matches(AcceptLanguage, [null], Headers(("Accept-Language", "en"))));
        Assert.False(VaryValues.Matches(AcceptLanguage, ["en"], Headers()));
    }

    [Fact]
    public void Every_Named_Field_Must_Match()
    {
        string?[] stored = ["gzip", "en"];

        Assert.True(VaryValues.Matches(LanguageAndEncoding, stored, Headers(("Accept-Encoding", "gzip"), ("Accept-Language", "en"))));
        Assert.False(VaryValues.Matches(LanguageAndEncoding, stored, Headers(("Accept-Encoding", "br"), ("Accept-Language", "en"))));
        Assert.False(VaryValues.Matches(LanguageAndEncoding, stored, Headers(("Accept-Language", "en"))));
    }

    [Fact]
    public void A_Variant_Without_Vary_Matches_Every_Request()
    {
        Assert.True(VaryValues.Matches([], [], Headers(("Accept-Language", "en"))));
    }

    [Theory]
    [InlineData("gzip, deflate, br")]
    [InlineData(" , en")]
    [InlineData("")]
    public void Written_Normal_Form_Equals_The_Normalized_String(string value)
    {
        var values = new StringValues([value, "x , y"]);
        var buffer = new char[VaryValues.NormalizedLength(values)];

        Assert.Equal(buffer.Length, VaryValues.WriteNormalized(values, buffer));
        Assert.Equal(VaryValues.Normalize(values), new string(buffer));
    }

    [Fact]
    public void Matches_A_Value_Longer_Than_The_Stack_Buffer()
    {
        var longValue = string.Join(", ", Enumerable.Range(0, 100).Select(i => $"lang-{i}"));

        Assert.True(VaryValues.Matches(AcceptLanguage, [longValue.Replace(" ", string.Empty, StringComparison.Ordinal)], Headers(("Accept-Language", longValue))));
        Assert.False(VaryValues.Matches(AcceptLanguage, [longValue], Headers(("Accept-Language", longValue))));
    }

    [Fact]
    public void Request_Field_Names_Match_Case_Insensitively()
    {
        // Vary names are stored lower-cased; the request may spell the field any way.
        Assert.True(VaryValues.Matches(AcceptLanguage, ["en"], Headers(("ACCEPT-LANGUAGE", "en"))));
    }

    private static RequestHeaderFields Headers(params (string Name, string Value)[] fields)
    {
        var headers = new HeaderDictionary();
        foreach (var (name, value) in fields)
        {
            headers.Append(name, value);
        }

        return new RequestHeaderFields(headers);
    }
}
