// Reload through the real executable: `lacquer --config FILE` re-reads the file when it changes and on SIGHUP,
// and /api/stats shows the generation grow; a broken file is refused and the server keeps running. Waits on
// the server's own log lines (bounded by a timeout), never a fixed sleep.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lacquer.Hosting;

public sealed partial class ReloadProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_Changed_File_And_Sighup_Reload_The_Running_Server_And_A_Broken_File_Is_Refused()
    {
        var directory = Directory.CreateTempSubdirectory("lacquer-reload-");
        var file = Path.Combine(directory.FullName, "lacquer.json");
        await File.WriteAllTextAsync(file, Configuration("1m"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lacquer.dll"));
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var banner = await ReadLineContaining(process, "admin on");
            var admin = new Uri(BannerLine().Match(banner).Groups["admin"].Value);
            using var http = new HttpClient { BaseAddress = admin };
            Assert.Equal((1L, null), await Read(http));

            // A change of the file.
            await File.WriteAllTextAsync(file, Configuration("2m"));
            await ReadLineContaining(process, "Configuration reloaded: generation 2");
            Assert.Equal((2L, "applied"), await Read(http));

            // SIGHUP re-reads the file even when it has not changed.
            Signal(process.Id);
            await ReadLineContaining(process, "Configuration reloaded: generation 3");
            Assert.Equal((3L, "applied"), await Read(http));

            // A broken file is refused: the server keeps generation 3 and keeps answering.
            await File.WriteAllTextAsync(file, """{ "zones": [ """);
            await ReadLineContaining(process, "Configuration reload refused");
            Assert.Equal((3L, "refused"), await Read(http));
            Assert.False(process.HasExited);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            directory.Delete(recursive: true);
        }

        Assert.DoesNotContain("Unhandled exception", await stderr, StringComparison.Ordinal);
    }

    private static string Configuration(string defaultTtl) => $$"""
        {
          "listen": { "proxy": "http://127.0.0.1:0", "admin": "http://127.0.0.1:0" },
          "zones": [ { "name": "a", "id": "0123456789abcdef0123456789abcdef", "hosts": ["a.example"],
                       "origin": "http://127.0.0.1:9", "defaultTtl": "{{defaultTtl}}" } ]
        }
        """;

    /// <summary>Reads the server's standard output up to the first line containing <paramref name="text"/>.</summary>
    private static async Task<string> ReadLineContaining(Process process, string text)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException($"The server ended its output before a line containing '{text}'.");
    }

    private static void Signal(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-HUP", pid.ToString(CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task<(long Generation, string? Result)> Read(HttpClient http)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync("/api/stats"));
        var configuration = json.RootElement.GetProperty("configuration");
        var last = configuration.GetProperty("lastReload");
        return (configuration.GetProperty("generation").GetInt64(), last.ValueKind == JsonValueKind.Null ? null : last.GetProperty("result").GetString());
    }

    [GeneratedRegex(@"admin on (?<admin>http://\S+?)\.?$")]
    private static partial Regex BannerLine();
}
