using System.Security.Cryptography;
using System.Text;

namespace Lacquer.Configuration;

/// <summary>compat:flextype: tokens (plain or SHA-256 access tokens), limits and the success status.</summary>
public sealed class FlextypeSettingsTests
{
    private const string Token = "efe1e36e4d60fcd547e22eb9f795dff9";

    private const string Hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static ConfigResult ReadFlextype(string flextypeJson) =>
        TestConfig.ReadWith($"\"compat\": {{ \"flextype\": {flextypeJson} }}");

    private static ConfigResult ReadToken(string fieldsJson) => ReadFlextype($"{{ \"tokens\": [ {{ {fieldsJson} }} ] }}");

    private static byte[] Sha256(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_Token_With_A_Plain_Access_Token_Keeps_Only_Hashes_And_Defaults_To_Enabled_And_Unlimited()
    {
        var flextype = ReadToken($$"""  "token": "{{Token}}", "accessToken": "{{Token}}"  """).ExpectValid().Compat.Flextype;

        var token = Assert.Single(flextype.Tokens);
        Assert.Equal(Sha256(Token), token.TokenSha256);
        Assert.Equal(Sha256(Token), token.AccessTokenSha256);
        Assert.True(token.Enabled);
        Assert.Equal(0, token.LimitCalls);
        Assert.DoesNotContain(Token, token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_Access_Token_May_Be_Given_As_Its_Sha256_With_Limits()
    {
        var token = Assert.Single(ReadToken($$"""  "token": "t", "accessTokenHash": "{{Hash.ToUpperInvariant()}}", "enabled": false, "limitCalls": 3  """)
            .ExpectValid().Compat.Flextype.Tokens);

        Assert.Equal(Convert.FromHexString(Hash), token.AccessTokenSha256);
        Assert.False(token.Enabled);
        Assert.Equal(3, token.LimitCalls);
    }

    [Theory]
    [InlineData("200", 200)]
    [InlineData("204", 204)]
    public void The_Success_Status_Is_200_Or_204(string status, int expected)
    {
        var flextype = ReadFlextype($$"""{ "successStatus": {{status}}, "enabled": false }""").ExpectValid().Compat.Flextype;

        Assert.Equal(expected, flextype.SuccessStatus);
        Assert.False(flextype.Enabled);
    }

    [Theory]
    [InlineData("""{ "successStatus": 201 }""", "compat:flextype:successStatus", "must be 200 (body {}) or 204 (empty body) (found \"201\")")]
    [InlineData("""{ "tokens": { "token": "a" } }""", "compat:flextype:tokens", "expected an array, found an object")]
    [InlineData("""{ "tokens": [ "a" ] }""", "compat:flextype:tokens:0", "expected an object describing a token, found a single value")]
    [InlineData("""{ "limit": 1 }""", "compat:flextype:limit", "unknown setting; expected one of: enabled, successStatus, tokens")]
    public void A_Bad_Flextype_Setting_Is_Reported_At_Its_Path(string flextypeJson, string path, string message)
    {
        ReadFlextype(flextypeJson).ExpectOnlyError(path, message);
    }

    [Theory]
    [InlineData("\"accessToken\": \"a\"", "compat:flextype:tokens:0:token", "is required")]
    [InlineData("\"token\": \"\", \"accessToken\": \"a\"", "compat:flextype:tokens:0:token", "must not be empty")]
    [InlineData("\"token\": \"t\"", "compat:flextype:tokens:0", "needs a secret: set either accessToken or accessTokenHash")]
    [InlineData("\"token\": \"t\", \"accessToken\": \"a\", \"accessTokenHash\": \"" + Hash + "\"", "compat:flextype:tokens:0", "set either accessToken or accessTokenHash, not both")]
    [InlineData("\"token\": \"t\", \"accessTokenHash\": \"$2y$10$abc\"", "compat:flextype:tokens:0:accessTokenHash", "must be exactly 64 hexadecimal characters")]
    [InlineData("\"token\": \"t\", \"accessToken\": \"a\", \"limitCalls\": -1", "compat:flextype:tokens:0:limitCalls", "must be a whole number from 0 to 2147483647")]
    [InlineData("\"token\": \"t\", \"accessToken\": \"a\", \"enabled\": \"disabled\"", "compat:flextype:tokens:0:enabled", "must be true or false")]
    [InlineData("\"token\": \"t\", \"accessToken\": \"a\", \"calls\": 5", "compat:flextype:tokens:0:calls", "unknown setting; expected one of: token, accessToken, accessTokenHash, enabled, limitCalls")]
    public void A_Bad_Token_Is_Reported_At_Its_Path(string fieldsJson, string path, string message)
    {
        ReadToken(fieldsJson).ExpectOnlyError(path, message);
    }

    [Fact]
    public void Two_Entries_Cannot_Share_A_Token_And_The_Error_Does_Not_Quote_It()
    {
        var error = ReadFlextype($$"""{ "tokens": [ { "token": "{{Token}}", "accessToken": "a" }, { "token": "{{Token}}", "accessToken": "b" } ] }""")
            .ExpectOnlyError("compat:flextype:tokens:1:token", "is the same token as compat:flextype:tokens:0:token");

        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"token\": \"" + Token + "\", \"accessToken\": \"" + Token + "\", \"accessTokenHash\": \"" + Hash + "\"")]
    [InlineData("\"token\": [\"" + Token + "\"], \"accessToken\": \"x\"")]
    [InlineData("\"token\": \"t\", \"accessToken\": { \"v\": \"" + Token + "\" }")]
    [InlineData("\"token\": \"t\", \"accessTokenHash\": \"" + Token + "\"")]
    [InlineData("\"token\": \"t\", \"acessToken\": \"" + Token + "\"")]
    public void No_Error_Message_Contains_A_Token(string fieldsJson)
    {
        var result = ReadToken(fieldsJson);

        Assert.False(result.IsValid);
        Assert.All(result.Errors, error => Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"token\": \"" + Token + "\", \"accessToken\": \"my-0wn-access\"")]
    [InlineData("\"token\": \"my-0wn-token\", \"accessToken\": \"" + Token + "\"")]
    public void The_Documented_Example_Token_Is_Refused_On_A_Public_Admin_Listener(string fieldsJson)
    {
        var result = TestConfig.ReadWith($"\"compat\": {{ \"flextype\": {{ \"tokens\": [ {{ {fieldsJson} }} ] }} }}, \"listen\": {{ \"admin\": \"http://10.0.0.7:8081\" }}");

        result.ExpectOnlyError("compat:flextype:tokens:0", "uses the example token of Flextype's documentation (as token or access token), which is publicly known; refused while listen:admin (10.0.0.7:8081) is not a loopback address: choose your own tokens");
        Assert.All(result.Errors, error => Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_Documented_Example_Token_Is_Accepted_On_Loopback_Or_When_Its_Entry_Is_Disabled()
    {
        var entry = $"\"token\": \"{Token}\", \"accessToken\": \"{Token}\"";
        ReadToken(entry).ExpectValid();
        TestConfig.ReadWith($"\"compat\": {{ \"flextype\": {{ \"tokens\": [ {{ {entry}, \"enabled\": false }} ] }} }}, \"listen\": {{ \"admin\": \"http://10.0.0.7:8081\" }}").ExpectValid();
    }
}
