namespace Lacquer.Caching.Semantics;

public sealed class VaryFieldsTests
{
    // RFC 9110 §12.5.5 Vary; §5.6.1 list syntax; field names are case-insensitive (§5.1).
    [Theory]
    [InlineData(null, false, "")]
    [InlineData("", false, "")]
    [InlineData(" , ,, ", false, "")]
    [InlineData("Accept-Encoding", false, "accept-encoding")]
    [InlineData("Accept-Encoding, accept-encoding", false, "accept-encoding")]
    [InlineData(" Origin ,, Accept-Encoding ,\t", false, "accept-encoding|origin")]
    [InlineData("origin, ACCEPT-ENCODING, Origin", false, "accept-encoding|origin")]
    [InlineData("*", true, "")] // RFC 9111 §4.1: "*" never matches
    [InlineData(" * ", true, "")]
    [InlineData("Accept, *", true, "accept")]
    [InlineData("*, Accept, *", true, "accept")]
    public void Parse_Canonicalises_Field_Names(string? value, bool isStar, string names)
    {
        var vary = VaryFields.Parse(value);

        Assert.Equal(isStar, vary.IsStar);
        Assert.Equal(names, string.Join('|', vary.Names));
    }

    [Fact]
    public void Absent_Or_Empty_Vary_Is_None()
    {
        Assert.Same(VaryFields.None, VaryFields.Parse(null));
        Assert.Same(VaryFields.None, VaryFields.Parse(",,"));
    }
}
