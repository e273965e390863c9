using System.Text;

namespace Lacquer.Purge.Api.ServiceCache;

/// <summary>
/// PythonJsonReader fails where and how CPython's json.loads does, and PythonJsonWriter writes what json.dumps
/// writes, so that FastAPI's 422 bodies can be reproduced byte for byte (docs/compat.md, "Service cache"). The rows were
/// produced by running CPython 3.11 on each input.
/// </summary>
public sealed class PythonJsonTests
{
    [Theory]
    // Generated with CPython 3.11: json.loads(text) -> JSONDecodeError(msg, pos).
    [InlineData("{\"serviceName\": ", "Expecting value", 16)]
    [InlineData(" ", "Expecting value", 1)]
    [InlineData("\t\n", "Expecting value", 2)]
    [InlineData("{serviceName:\"x\"}", "Expecting property name enclosed in double quotes", 1)]
    [InlineData("{\"serviceName\":\"x\",}", "Expecting property name enclosed in double quotes", 19)]
    [InlineData("{\"serviceName\" \"x\"}", "Expecting ':' delimiter", 15)]
    [InlineData("{\"serviceName\":\"x\" \"y\"}", "Expecting ',' delimiter", 19)]
    [InlineData("{\"serviceName\":\"x\"} x", "Extra data", 20)]
    [InlineData("{\"serviceName\":\"x\"}}", "Extra data", 19)]
    [InlineData("{", "Expecting property name enclosed in double quotes", 1)]
    [InlineData("{ ", "Expecting property name enclosed in double quotes", 2)]
    [InlineData("{\"a\"", "Expecting ':' delimiter", 4)]
    [InlineData("{\"a\":", "Expecting value", 5)]
    [InlineData("{\"a\":1", "Expecting ',' delimiter", 6)]
    [InlineData("{\"a\":1,", "Expecting property name enclosed in double quotes", 7)]
    [InlineData("[", "Expecting value", 1)]
    [InlineData("[ ", "Expecting value", 2)]
    [InlineData("[1", "Expecting ',' delimiter", 2)]
    [InlineData("[1,", "Expecting value", 3)]
    [InlineData("[1,]", "Expecting value", 3)]
    [InlineData("[1 2]", "Expecting ',' delimiter", 3)]
    [InlineData("[1,,2]", "Expecting value", 3)]
    [InlineData("x", "Expecting value", 0)]
    [InlineData("\"abc", "Unterminated string starting at", 0)]
    [InlineData("\"", "Unterminated string starting at", 0)]
    [InlineData("\"a\\qb\"", "Invalid \\escape", 2)]
    [InlineData("\"a\\", "Unterminated string starting at", 0)]
    [InlineData("\"\\\"", "Unterminated string starting at", 0)]
    [InlineData("\"\\u12\"", "Invalid \\uXXXX escape", 2)]
    [InlineData("\"\\u12zz\"", "Invalid \\uXXXX escape", 2)]
    [InlineData("\"\\u1234", "Invalid \\uXXXX escape", 2)]
    [InlineData("\"\\ud83d\\u12\"", "Invalid \\uXXXX escape", 8)]
    [InlineData("\"\\ud83d\\u12zz\"", "Invalid \\uXXXX escape", 8)]
    [InlineData("\"a\u0001b\"", "Invalid control character at", 2)]
    [InlineData("\"a\nb\"", "Invalid control character at", 2)]
    [InlineData("{\"\u00e9\":1,}", "Expecting property name enclosed in double quotes", 7)]
    [InlineData("{\"serviceName\":\"\u00fc\" 1}", "Expecting ',' delimiter", 19)]
    [InlineData("{\"a\":-}", "Expecting value", 5)]
    [InlineData("{\"a\":1.}", "Expecting ',' delimiter", 6)]
    [InlineData("{\"a\":01}", "Expecting ',' delimiter", 6)]
    [InlineData("{\"a\":1e}", "Expecting ',' delimiter", 6)]
    [InlineData("{\"a\":1e+}", "Expecting ',' delimiter", 6)]
    [InlineData("{\"a\":tru}", "Expecting value", 5)]
    [InlineData("{\"a\":nul}", "Expecting value", 5)]
    [InlineData("{\"a\":fals}", "Expecting value", 5)]
    [InlineData("-", "Expecting value", 0)]
    [InlineData("-x", "Expecting value", 0)]
    [InlineData("1.5.2", "Extra data", 3)]
    [InlineData("{\"a\":[1,2}", "Expecting ',' delimiter", 9)]
    [InlineData("{\"a\":{\"b\":1]}", "Expecting ',' delimiter", 11)]
    [InlineData("{\"\ud83d\ude00\":1 2}", "Expecting ',' delimiter", 7)]
    [InlineData("NaN x", "Extra data", 4)]
    [InlineData("-Inf", "Expecting value", 0)]
    [InlineData("-Infinity 1", "Extra data", 10)]
    [InlineData("{\"a\":1}\n\n x", "Extra data", 10)]
    [InlineData("{,}", "Expecting property name enclosed in double quotes", 1)]
    [InlineData("{\"a\":1,,}", "Expecting property name enclosed in double quotes", 7)]
    [InlineData("{\"a\" : 1 , \"b\"  2}", "Expecting ':' delimiter", 16)]
    [InlineData("{\"a\":\"\\ud83d\\ude00\" 2}", "Expecting ',' delimiter", 20)]
    [InlineData("1e5x", "Extra data", 3)]
    [InlineData("1E+5 1", "Extra data", 5)]
    [InlineData("0.5e-3 x", "Extra data", 7)]
    [InlineData("[] x", "Extra data", 3)]
    [InlineData("{}{}", "Extra data", 2)]
    [InlineData("\"\u00e9\u00e9\u00e9\" x", "Extra data", 6)]
    [InlineData("{\"a\":\"\ud83d\ude00\"} x", "Extra data", 10)]
    [InlineData("{\"a\":1}\u0000", "Extra data", 7)]
    [InlineData("\u0000", "Expecting value", 0)]
    public void Malformed_Json_Fails_With_Pythons_Message_And_Position(string text, string message, int position)
    {
        var result = PythonJsonReader.Parse(Encoding.UTF8.GetBytes(text));

        Assert.False(result.Unreadable);
        Assert.Equal((message, position), (result.ErrorMessage, result.ErrorPosition));
    }

    [Theory]
    // Generated with CPython 3.11: json.dumps(json.loads(text), ensure_ascii=False, separators=(',', ':')), NaN/Infinity as null.
    [InlineData("{\"serviceName\":5}", "{\"serviceName\":5}")]
    [InlineData("{\"a\":1.0,\"b\":-0,\"c\":-0.0,\"d\":1E2,\"e\":2.5e-7,\"f\":1e16,\"g\":1e15,\"h\":123456789012345678,\"i\":12345678901234567890123,\"j\":0.1}", "{\"a\":1.0,\"b\":0,\"c\":-0.0,\"d\":100.0,\"e\":2.5e-07,\"f\":1e+16,\"g\":1000000000000000.0,\"h\":123456789012345678,\"i\":12345678901234567890123,\"j\":0.1}")]
    [InlineData("[true,false,null,\"x\\u0001\\n\\\"\\\\/\\u00e9\\ud83d\\ude00\"]", "[true,false,null,\"x\\u0001\\n\\\"\\\\/\u00e9\ud83d\ude00\"]")]
    [InlineData(" {\"a\" : [ 1 , { } , [ ] ] } ", "{\"a\":[1,{},[]]}")]
    [InlineData("1e400", "null")]
    [InlineData("[NaN,Infinity,-Infinity]", "[null,null,null]")]
    [InlineData("[0.0001,0.00001,1e-5,3.14159,5e-324,1.7976931348623157e308,9999999999999998,9999999999999998.0,123.456e5,1e22]", "[0.0001,1e-05,1e-05,3.14159,5e-324,1.7976931348623157e+308,9999999999999998,9999999999999998.0,12345600.0,1e+22]")]
    public void Values_Are_Written_Back_As_Python_Writes_Them(string text, string expected)
    {
        var result = PythonJsonReader.Parse(Encoding.UTF8.GetBytes(text));
        Assert.True(result.IsValue, $"{result.ErrorMessage} at {result.ErrorPosition}");
        var written = new StringBuilder();

        PythonJsonWriter.Append(written, result.Value);

        Assert.Equal(expected, written.ToString());
    }

    [Theory]
    [InlineData("\"\\ud83d\"")]
    [InlineData("{\"serviceName\":\"\\udfff\"}")]
    [InlineData("{\"a\\ud800\":null}")]
    [InlineData("[\"\\ud83d\\u0041\"]")]
    [InlineData("[\"\\udc00\\ud800\"]")]
    public void A_Lone_Surrogate_Escape_Makes_The_Body_Unreadable_Though_Python_Keeps_It(string text)
    {
        Assert.True(PythonJsonReader.Parse(Encoding.UTF8.GetBytes(text)).Unreadable);
    }

    [Fact]
    public void A_Syntax_Error_After_A_Lone_Surrogate_Is_Still_Pythons_Error()
    {
        var result = PythonJsonReader.Parse("[\"\\ud800\" 1]"u8);

        Assert.False(result.Unreadable);
        Assert.Equal(("Expecting ',' delimiter", 10), (result.ErrorMessage, result.ErrorPosition));
    }

    [Fact]
    public void A_Utf8_Bom_Is_Skipped_And_Positions_Count_From_After_It()
    {
        var result = PythonJsonReader.Parse([0xEF, 0xBB, 0xBF, .. "{\"a\" 1}"u8]);

        Assert.Equal(("Expecting ':' delimiter", 5), (result.ErrorMessage, result.ErrorPosition));
    }

    [Fact]
    public void Positions_Count_Code_Points_Not_Bytes_Or_Utf16_Units()
    {
        var result = PythonJsonReader.Parse(Encoding.UTF8.GetBytes("[\"\U0001F600\u00e9\" 1]"));

        Assert.Equal(("Expecting ',' delimiter", 6), (result.ErrorMessage, result.ErrorPosition));
    }

    [Fact]
    public void Bytes_That_Are_Not_Utf8_Are_Unreadable()
    {
        Assert.True(PythonJsonReader.Parse([(byte)'"', 0xC3, 0x28, (byte)'"']).Unreadable);
    }

    [Fact]
    public void Nesting_Deeper_Than_The_Limit_Is_Unreadable_Like_Pythons_RecursionError()
    {
        var deep = new string('[', PythonJsonReader.MaxDepth + 1) + new string(']', PythonJsonReader.MaxDepth + 1);
        var allowed = new string('[', PythonJsonReader.MaxDepth) + new string(']', PythonJsonReader.MaxDepth);

        Assert.True(PythonJsonReader.Parse(Encoding.UTF8.GetBytes(deep)).Unreadable);
        Assert.True(PythonJsonReader.Parse(Encoding.UTF8.GetBytes(allowed)).IsValue);
    }

    [Theory]
    [InlineData("{\"serviceName\":5,\"other\":1,\"serviceName\":\"x\"}")]
    [InlineData("{\"serviceName\":\"x\",\"serviceName\":\"x\"}")]
    [InlineData("{\"a\":{\"k\":1,\"k\":2}}")]
    public void A_Repeated_Member_Name_Makes_The_Body_Unreadable_Though_Python_Keeps_The_Last(string text)
    {
        Assert.True(PythonJsonReader.Parse(Encoding.UTF8.GetBytes(text)).Unreadable);
    }

    [Fact]
    public void A_Repeated_Key_Set_On_An_Object_Keeps_Its_First_Position_And_Its_Last_Value()
    {
        var model = PythonJsonObject.Of(("serviceName", 5), ("other", 1), ("serviceName", "x"));

        Assert.Equal(["serviceName", "other"], model.Members.Select(member => member.Key));
        Assert.True(model.TryGetValue("serviceName", out var name));
        Assert.Equal("x", name);
    }
}
