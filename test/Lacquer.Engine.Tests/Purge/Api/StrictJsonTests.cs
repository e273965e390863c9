using System.Text;

namespace Lacquer.Purge.Api;

/// <summary>What the purge APIs' strict JSON parser accepts and refuses, row by row.</summary>
public sealed class StrictJsonTests
{
    [Theory]
    [InlineData("""{"tags":["red"]}""")]
    [InlineData("""{"a":"\ud83d\ude00","b":"\uD83D\uDE00x"}""")]
    [InlineData("""{"a":"\u00e9\n\"\\\/"}""")]
    [InlineData("""{"\ud83d\ude00":1}""")]
    [InlineData("""{"a":{"k":1},"b":{"k":2}}""")]
    [InlineData("""["é","😀"]""")]
    [InlineData("""[[[[1]]]]""")]
    public void Accepts_Unicode_Text_With_Distinct_Names(string json)
    {
        using var document = StrictJson.TryParse(Encoding.UTF8.GetBytes(json), maxDepth: 4);

        Assert.NotNull(document);
    }

    [Theory]
    [InlineData("""["\ud800"]""")]
    [InlineData("""["\udfff"]""")]
    [InlineData("""["a\ud800b"]""")]
    [InlineData("""["\ud800\ud800\udc00"]""")]
    [InlineData("""["\udc00\ud800"]""")]
    [InlineData("""["\ud800\n"]""")]
    [InlineData("""["\ud800\u0041"]""")]
    [InlineData("""["x\udbff"]""")]
    [InlineData("""{"\ud800":1}""")]
    [InlineData("""{"a":1,"a":1}""")]
    [InlineData("""{"a":{"k":1,"k":2}}""")]
    [InlineData("""[[[[[1]]]]]""")]
    [InlineData("""{"a":1} x""")]
    [InlineData("""{"a":1""")]
    public void Refuses_Lone_Surrogates_Repeated_Names_Depth_And_Syntax(string json)
    {
        Assert.Null(StrictJson.TryParse(Encoding.UTF8.GetBytes(json), maxDepth: 4));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    public void Refuses_Bytes_That_Are_Not_Utf8_In_Values_And_Names(byte[] bad)
    {
        Assert.Null(StrictJson.TryParse((byte[])[.. "[\"a"u8, .. bad, .. "\"]"u8], maxDepth: 4));
        Assert.Null(StrictJson.TryParse((byte[])[.. "{\"a"u8, .. bad, .. "\":1}"u8], maxDepth: 4));
        Assert.Null(StrictJson.TryParse((byte[])[.. "[\"\\n"u8, .. bad, .. "\"]"u8], maxDepth: 4));
    }
}
