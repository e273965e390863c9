using System.Security.Cryptography;
using System.Text;

namespace Lacquer.Configuration;

public sealed class TokenSettingsTests
{
    private const string Hash = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

    private static ConfigResult ReadTokens(string tokensJson) => TestConfig.ReadWith($"\"tokens\": {tokensJson}");

    private static ConfigResult ReadToken(string fieldsJson) => ReadTokens($"[ {{ {fieldsJson} }} ]");

    [Fact]
    public void Tokens_Are_Optional()
    {
        Assert.Empty(TestConfig.Read(TestConfig.Document()).ExpectValid().Tokens);
    }

    [Fact]
    public void A_Plain_Secret_Is_Kept_Only_As_Its_Sha256()
    {
        var token = Assert.Single(ReadToken("""  "name": "bot", "secret": "correct horse", "zones": ["example"], "permissions": ["purge"]  """).ExpectValid().Tokens);

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes("correct horse")), token.SecretSha256);
    }

    [Fact]
    public void A_Hashed_Secret_Is_Decoded_In_Either_Case()
    {
        var token = Assert.Single(ReadToken($$"""  "name": "bot", "secretSha256": "{{Hash}}", "zones": ["example"], "permissions": ["read"]  """).ExpectValid().Tokens);

        Assert.Equal(Convert.FromHexString(Hash), token.SecretSha256);
    }

    [Fact]
    public void Zone_Names_And_Permissions_Are_Matched_Ignoring_Case_And_Stored_As_Configured()
    {
        var token = Assert.Single(ReadToken("""  "name": "bot", "secret": "x", "zones": ["EXAMPLE"], "permissions": ["Read", "PURGE"]  """).ExpectValid().Tokens);

        Assert.Equal(["example"], token.Zones);
        Assert.Equal(["read", "purge"], token.Permissions);
    }

    [Theory]
    [InlineData("\"secret\": \"x\", \"zones\": [\"example\"], \"permissions\": [\"purge\"]", "tokens:0:name", "is required")]
    [InlineData("\"name\": \"a bot\", \"secret\": \"x\", \"zones\": [\"example\"], \"permissions\": [\"purge\"]", "tokens:0:name", "must contain only letters")]
    [InlineData("\"name\": \"bot\", \"zones\": [\"example\"], \"permissions\": [\"purge\"]", "tokens:0", "needs a secret: set either secret or secretSha256")]
    [InlineData("\"name\": \"bot\", \"secret\": \"x\", \"secretSha256\": \"" + Hash + "\", \"zones\": [\"example\"], \"permissions\": [\"purge\"]", "tokens:0", "set either secret or secretSha256, not both")]
    [InlineData("\"name\": \"bot\", \"secret\": \"\", \"zones\": [\"example\"], \"permissions\": [\"purge\"]", "tokens:0:secret", "must not be empty")]
    [InlineData("\"name\": \"bot\", \"secretSha256\": \"9f86d0\", \"zones\": [\"example\"], \"permissions\": [\"purge\"]", "tokens:0:secretSha256", "must be exactly 64 hexadecimal characters")]
    [InlineData("\"name\": \"bot\", \"secret\": \"x\", \"permissions\": [\"purge\"]", "tokens:0:zones", "is required: list zone names, or \"*\" for every zone")]
    [InlineData("\"name\": \"bot\", \"secret\": \"x\", \"zones\": [], \"permissions\": [\"purge\"]", "tokens:0:zones", "is required")]
    [InlineData("\"name\": \"bot\", \"secret\": \"x\", \"zones\": \"*\", \"permissions\": [\"purge\"]", "tokens:0:zones", "expected an array, found a single value")]
    [InlineData("\"name\": \"bot\", \"secret\": \"x\", \"zones\": [\"shop\"], \"permissions\": [\"purge\"]", "tokens:0:zones:0", "names no configured zone (found \"shop\")")]
    [InlineData("\"name\": \"bot\", \"secret\": \"x\", \"zones\": [\"*\", \"example\"], \"permissions\": [\"purge\"]", "tokens:0:zones", "must be the only entry")]
    [InlineData("\"name\": \"bot\", \"secret\": \"x\", \"zones\": [\"example\", \"Example\"], \"permissions\": [\"purge\"]", "tokens:0:zones:1", "is listed twice (also at tokens:0:zones:0)")]
    [InlineData("\"name\": \"bot\", \"secret\": \"x\", \"zones\": [\"example\"]", "tokens:0:permissions", "is required: list purge, read or both")]
    [InlineData("\"name\": \"bot\", \"secret\": \"x\", \"zones\": [\"example\"], \"permissions\": []", "tokens:0:permissions", "is required")]
    [InlineData("\"name\": \"bot\", \"secret\": \"x\", \"zones\": [\"example\"], \"permissions\": [\"admin\"]", "tokens:0:permissions:0", "must be purge or read (found \"admin\")")]
    [InlineData("\"name\": \"bot\", \"secret\": \"x\", \"zones\": [\"example\"], \"permissions\": [\"read\", \"read\"]", "tokens:0:permissions:1", "is listed twice")]
    [InlineData("\"name\": \"bot\", \"secret\": \"x\", \"zones\": [\"example\"], \"permissions\": [\"purge\"], \"expires\": \"1d\"", "tokens:0:expires", "unknown setting")]
    public void A_Bad_Token_Setting_Is_Reported_At_Its_Path(string fieldsJson, string path, string message)
    {
        ReadToken(fieldsJson).ExpectOnlyError(path, message);
    }

    [Fact]
    public void Token_Names_Are_Unique()
    {
        ReadTokens("""
            [ { "name": "bot", "secret": "one", "zones": ["*"], "permissions": ["purge"] },
              { "name": "BOT", "secret": "two", "zones": ["*"], "permissions": ["purge"] } ]
            """).ExpectOnlyError("tokens:1:name", "token name \"BOT\" is already used by tokens:0:name");
    }

    [Fact]
    public void Two_Tokens_Cannot_Share_A_Secret_Even_When_One_Is_Given_As_A_Hash()
    {
        ReadTokens($$"""
            [ { "name": "a", "secret": "test", "zones": ["*"], "permissions": ["purge"] },
              { "name": "b", "secretSha256": "{{Hash}}", "zones": ["*"], "permissions": ["read"] } ]
            """).ExpectOnlyError("tokens:1:secretSha256", "is the same secret as tokens:0:secret");
    }

    [Theory]
    [InlineData("{ \"bot\": { \"secret\": \"x\" } }", "tokens", "expected an array, found an object")]
    [InlineData("[ \"bot\" ]", "tokens:0", "expected an object describing a token, found a single value")]
    public void Tokens_Must_Be_An_Array_Of_Objects(string json, string path, string message)
    {
        ReadTokens(json).ExpectOnlyError(path, message);
    }

    [Fact]
    public void A_Token_Naming_A_Zone_That_Has_Other_Errors_Reports_Only_The_Zone()
    {
        var zone = TestConfig.Zone(("origin", "\"ftp://x\""));
        var json = TestConfig.Document(
            zones: $"[{zone}]",
            extra: """ "tokens": [ { "name": "bot", "secret": "x", "zones": ["example"], "permissions": ["purge"] } ] """);

        TestConfig.Read(json).ExpectOnlyError("zones:0:origin", "must use http or https");
    }
}
