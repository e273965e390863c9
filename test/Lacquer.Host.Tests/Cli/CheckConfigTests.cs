// `lacquer check-config FILE`: start-up's validation without a server — ok and exit 0, or every error with its
// path (a JSON syntax error with its line and position) and exit 2, never a secret.
namespace Lacquer.Cli;

public sealed class CheckConfigTests
{
    [Fact]
    public async Task A_Valid_File_Is_Ok()
    {
        var run = await CheckAsync("""
            {
              "listen": { "proxy": "http://127.0.0.1:0", "admin": "http://127.0.0.1:0" },
              "zones": [ { "name": "shop", "id": "023e105f4ecef8ad9ca31a8372d0c353", "hosts": ["shop.example"], "origin": "http://127.0.0.1:9000" } ]
            }
            """);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("ok: ", run.Out, StringComparison.Ordinal);
        Assert.Contains("1 zone(s): shop", run.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task A_Bad_File_Lists_Every_Error_With_Its_Path_And_Exits_2()
    {
        var run = await CheckAsync("""
            {
              "cache": { "maxBytes": "lots" },
              "zones": [ { "name": "a", "id": "xyz", "hosts": ["a.example"], "origin": "ftp://origin" } ],
              "tokens": [ { "name": "t", "secret": "super-secret-value", "zones": ["nope"], "permissions": ["purge"] } ]
            }
            """);

        Assert.Equal(2, run.ExitCode);
        foreach (var path in (string[])["cache:maxBytes", "zones:0:id", "zones:0:origin", "tokens:0:zones"])
        {
            Assert.Contains($"\n  {path}", run.Error, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("super-secret-value", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public async Task A_Json_Syntax_Error_Names_Its_Line_And_Position()
    {
        var run = await CheckAsync("{\n  \"zones\": [\n    { \"name\": \"a\" \"id\": \"x\" }\n  ]\n}\n");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("invalid JSON at line 3, position 19: '\"' is invalid after a value.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Missing_File_Is_Reported()
    {
        var run = await CliRun.RunAsync("check-config", "/nonexistent/lacquer.json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("configuration file '/nonexistent/lacquer.json' not found", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_Certificate_Files_Are_Named_At_Their_Settings_Without_Their_Content()
    {
        using var files = new Lacquer.Security.TestCertificates();
        var site = files.Write("site", "site", "shop.example");
        var other = files.Write("other", "other", "shop.example");
        var garbage = files.WriteFile("garbage.pem", "not-a-key-but-keep-it-quiet");
        var missing = Path.Combine(files.Directory, "missing.pem");

        var run = await CheckAsync($$"""
            {
              "listen": { "proxy": ["http://127.0.0.1:0", "https://127.0.0.1:0"], "admin": "http://127.0.0.1:0" },
              "tls": { "certificates": [
                { "hosts": ["a.example"], "certificate": "{{missing}}", "key": "{{site.Key}}" },
                { "hosts": ["b.example"], "certificate": "{{site.Certificate}}", "key": "{{garbage}}" },
                { "certificate": "{{site.Certificate}}", "key": "{{other.Key}}" } ] },
              "zones": [ { "name": "shop", "id": "023e105f4ecef8ad9ca31a8372d0c353", "hosts": ["shop.example"], "origin": "http://127.0.0.1:9000" } ]
            }
            """);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"\n  tls:certificates:0:certificate: {missing}: file not found", run.Error, StringComparison.Ordinal);
        Assert.Contains($"\n  tls:certificates:1:key: {garbage}: no usable EC private key", run.Error, StringComparison.Ordinal);
        Assert.Contains($"\n  tls:certificates:2:key: {other.Key}: the private key does not match the certificate's public key", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("keep-it-quiet", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadAllLines(other.Key)[1], run.Error, StringComparison.Ordinal);
    }

    private static async Task<CliRun> CheckAsync(string json)
    {
        var file = Path.Combine(Path.GetTempPath(), $"lacquer-check-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        try
        {
            return await CliRun.RunAsync("check-config", file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
