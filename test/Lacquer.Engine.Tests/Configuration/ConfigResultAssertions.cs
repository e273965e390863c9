namespace Lacquer.Configuration;

internal static class ConfigResultAssertions
{
    public static LacquerSettings ExpectValid(this ConfigResult result)
    {
        Assert.True(result.IsValid, "expected no errors, got:\n" + string.Join("\n", result.Errors));
        return result.Settings!;
    }

    /// <summary>Expects an error at exactly <paramref name="path"/> whose message contains <paramref name="messagePart"/>.</summary>
    public static ConfigError ExpectError(this ConfigResult result, string path, string messagePart)
    {
        Assert.False(result.IsValid);
        Assert.Null(result.Settings);
        var match = result.Errors.FirstOrDefault(
            error => error.Path == path && error.Message.Contains(messagePart, StringComparison.Ordinal));
        Assert.True(match is not null, $"expected \"{path}: ...{messagePart}...\", got:\n" + string.Join("\n", result.Errors));
        return match;
    }

    /// <summary>Like <see cref="ExpectError"/>, and that error is the only one (no cascade).</summary>
    public static ConfigError ExpectOnlyError(this ConfigResult result, string path, string messagePart)
    {
        var error = result.ExpectError(path, messagePart);
        Assert.True(result.Errors.Count == 1, "expected exactly one error, got:\n" + string.Join("\n", result.Errors));
        return error;
    }
}
