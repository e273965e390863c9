// Tags from Cache-Tag (comma-separated), Surrogate-Key and xkey (space-separated): lower-cased, distinct,
// empty members skipped, at most 16 KB of tag header read per response.
using Lacquer.Configuration;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Caching.Tags;

public sealed class TagHeaderSetTests
{
    private static readonly TagHeaderSet Defaults = new(TagHeaderSettings.Defaults);

    [Theory]
    [InlineData("Cache-Tag", "red", new[] { "red" })]
    [InlineData("Cache-Tag", "red,green,blue", new[] { "red", "green", "blue" })]
    [InlineData("Cache-Tag", " red , green ,blue ", new[] { "red", "green", "blue" })]
    [InlineData("Cache-Tag", "product page,news", new[] { "product page", "news" })] // a space is part of a Cache-Tag tag
    [InlineData("Surrogate-Key", "red green blue", new[] { "red", "green", "blue" })]
    [InlineData("Surrogate-Key", "  red   green  ", new[] { "red", "green" })]
    [InlineData("Surrogate-Key", "a,b c", new[] { "a,b", "c" })] // a comma is part of a Surrogate-Key tag
    [InlineData("xkey", "red green", new[] { "red", "green" })]
    [InlineData("Cache-Tag", "RED,Green", new[] { "red", "green" })]
    [InlineData("xkey", "Product-42 PRODUCT-42 product-42", new[] { "product-42" })]
    [InlineData("Cache-Tag", "red,,,green,", new[] { "red", "green" })]
    [InlineData("Cache-Tag", ", ,", new string[0])]
    [InlineData("Cache-Tag", "", new string[0])]
    [InlineData("Cache-Tag", "red,red, RED", new[] { "red" })]
    public void Parse_Splits_Each_Header_By_Its_Separator(string header, string value, string[] expected)
    {
        var tags = Parse(Defaults, (header, value));

        Assert.Equal(expected.Order(StringComparer.Ordinal), tags.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_Collects_Distinct_Tags_Across_All_Tag_Headers_And_Field_Lines()
    {
        var tags = Parse(
            Defaults,
            ("Cache-Tag", "red,Green"),
            ("Cache-Tag", "blue"),
            ("Surrogate-Key", "GREEN yellow"),
            ("xkey", "red purple"));

        Assert.Equal(["blue", "green", "purple", "red", "yellow"], tags.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_Looks_Headers_Up_By_Their_Configured_Names()
    {
        var set = new TagHeaderSet([new TagHeaderSettings("X-Tags", ';')]);

        Assert.Equal(["a", "b"], Parse(set, ("X-Tags", "a; B"), ("Cache-Tag", "ignored")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_Of_A_Response_Without_Tag_Headers_Is_Empty()
    {
        Assert.Empty(Parse(Defaults, ("Content-Type", "text/plain")));
    }

    [Fact]
    public void Parse_Reads_At_Most_16_KB_Of_Tags_And_Ignores_The_Rest()
    {
        // Each tag "t0000" costs its 5 characters and a separator: 16384 / 6 = 2730 tags fit.
        var all = Enumerable.Range(0, 5000).Select(i => $"t{i:D4}").ToArray();

        var tags = Parse(Defaults, ("Cache-Tag", string.Join(",", all)));

        Assert.Equal(TagHeaderSet.MaxTagBytes / 6, tags.Length);
        Assert.Equal(all[..tags.Length].Order(StringComparer.Ordinal), tags.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_Counts_The_16_KB_Budget_Across_Headers()
    {
        var cacheTags = Enumerable.Range(0, 2000).Select(i => $"c{i:D4}").ToArray();
        var surrogateKeys = Enumerable.Range(0, 2000).Select(i => $"s{i:D4}").ToArray();

        var tags = Parse(Defaults, ("Cache-Tag", string.Join(",", cacheTags)), ("Surrogate-Key", string.Join(" ", surrogateKeys)));

        Assert.Equal(TagHeaderSet.MaxTagBytes / 6, tags.Length);
        Assert.Equal(2000, tags.Count(tag => tag[0] == 'c'));
        Assert.DoesNotContain(surrogateKeys[^1], tags);
    }

    [Theory]
    [InlineData("Cache-Tag", true)]
    [InlineData("cache-tag", true)]
    [InlineData("SURROGATE-KEY", true)]
    [InlineData("XKey", true)]
    [InlineData("Cache-Control", false)]
    [InlineData("X-Cache-Tag", false)]
    public void IsTagHeader_Compares_Names_Case_Insensitively(string name, bool expected)
    {
        Assert.Equal(expected, Defaults.IsTagHeader(name));
    }

    // A response's fields as the head reader passes them: one entry per name, with that name's lines.
    private static string[] Parse(TagHeaderSet set, params (string Name, string Value)[] fields) =>
        set.Parse([.. fields
            .GroupBy(field => field.Name, StringComparer.OrdinalIgnoreCase)
            .Select(group => new KeyValuePair<string, StringValues>(group.Key, new StringValues([.. group.Select(field => field.Value)])))]);
}
