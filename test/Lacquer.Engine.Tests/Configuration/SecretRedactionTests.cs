namespace Lacquer.Configuration;

/// <summary>Invariant 6: a secret never appears in an error message, whatever is wrong around it.</summary>
public sealed class SecretRedactionTests
{
    private const string Secret = "Sup3r-S3cret-Value!";

    private const string HashLike = "ab0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";

    [Theory]
    [InlineData("\"name\": \"bot\", \"secret\": \"" + Secret + "\", \"secretSha256\": \"" + HashLike + "\", \"zones\": [\"example\"], \"permissions\": [\"purge\"]")]
    [InlineData("\"name\": \"bot\", \"secret\": [\"" + Secret + "\"], \"zones\": [\"example\"], \"permissions\": [\"purge\"]")]
    [InlineData("\"name\": \"bot\", \"secret\": { \"value\": \"" + Secret + "\" }, \"zones\": [\"example\"], \"permissions\": [\"purge\"]")]
    [InlineData("\"name\": \"bot\", \"secretSha256\": \"" + Secret + "\", \"zones\": [\"example\"], \"permissions\": [\"purge\"]")]
    [InlineData("\"name\": \"bot\", \"secretSha256\": \"" + HashLike + "z\", \"zones\": [\"example\"], \"permissions\": [\"purge\"]")]
    [InlineData("\"name\": \"bot\", \"secrets\": \"" + Secret + "\", \"zones\": [\"example\"], \"permissions\": [\"purge\"]")]
    [InlineData("\"name\": \"" + Secret + "\", \"secret\": \"" + Secret + "\", \"zones\": [\"example\"], \"permissions\": [\"purge\"]")]
    [InlineData("\"name\": \"bot\", \"secret\": \"" + Secret + "\", \"zones\": [\"nope\"], \"permissions\": [\"all\"]")]
    public void No_Error_Message_Contains_The_Secret(string tokenFieldsJson)
    {
        var result = TestConfig.ReadWith($"\"tokens\": [ {{ {tokenFieldsJson} }} ]");

        Assert.False(result.IsValid);
        foreach (var error in result.Errors)
        {
            Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(HashLike, error.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Two_Tokens_With_The_Same_Secret_Are_Reported_Without_It()
    {
        var result = TestConfig.ReadWith($$"""
            "tokens": [ { "name": "a", "secret": "{{Secret}}", "zones": ["*"], "permissions": ["read"] },
                        { "name": "b", "secret": "{{Secret}}", "zones": ["*"], "permissions": ["read"] } ]
            """);

        var error = result.ExpectOnlyError("tokens:1:secret", "is the same secret as tokens:0:secret");
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }
}
