// Start-up refuses a bad configuration: every problem listed at once with its setting's path, exit code 2,
// and no secret echoed (docs/configuration.md).
namespace Lacquer.Hosting;

public sealed class StartupTests
{
    [Fact]
    public async Task Bad_Configuration_Lists_Every_Error_With_Its_Path_And_Exits_2()
    {
        var file = Path.Combine(Path.GetTempPath(), $"lacquer-bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            {
              "cache": { "maxBytes": "lots" },
              "zones": [ { "name": "a", "id": "xyz", "hosts": ["a.example"], "origin": "ftp://origin" } ],
              "tokens": [ { "name": "t", "secret": "super-secret-value", "zones": ["nope"], "permissions": ["purge"] } ]
            }
            """);
        try
        {
            var (exitCode, _, stderr) = await LacquerProcess.RunAsync("--config", file);

            Assert.Equal(2, exitCode);
            Assert.Contains("cache:maxBytes", stderr, StringComparison.Ordinal);
            Assert.Contains("zones:0:id", stderr, StringComparison.Ordinal);
            Assert.Contains("zones:0:origin", stderr, StringComparison.Ordinal);
            Assert.Contains("tokens:0:zones", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("super-secret-value", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Missing_Configuration_File_Is_Reported()
    {
        var (exitCode, _, stderr) = await LacquerProcess.RunAsync("--config", "/nonexistent/lacquer.json");

        Assert.Equal(2, exitCode);
        Assert.Contains("not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_Json_Is_Reported_Without_A_Stack_Trace()
    {
        var file = Path.Combine(Path.GetTempPath(), $"lacquer-json-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{ \"zones\": [ ");
        try
        {
            var (exitCode, _, stderr) = await LacquerProcess.RunAsync("--config", file);

            Assert.Equal(2, exitCode);
            Assert.Contains("invalid JSON at line 1, position 14", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Unknown_Argument_Is_Refused()
    {
        var (exitCode, _, stderr) = await LacquerProcess.RunAsync("sreve");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unrecognized command or argument 'sreve'", stderr, StringComparison.Ordinal);
    }
}
