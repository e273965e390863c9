// Reload through the real executable: `lacquer --config FILE` re-reads the file when it changes and on SIGHUP,
// and /api/stats shows the generation grow; a broken file is refused and the server keeps running. Waits on
// the server's own log lines (bounded by a timeout), never a fixed sleep. A server that can create no inotify
// instance or watch (other programs of its user used them all) still starts, says that its file is not watched,
// and reloads on SIGHUP: those tests run it in a user namespace of its own (unshare(1)) with that limit at 0.
using System.Text.Json;

namespace Lacquer.Hosting;

public sealed class ReloadProcessTests
{
    [Fact]
    public async Task A_Changed_File_And_Sighup_Reload_The_Running_Server_And_A_Broken_File_Is_Refused()
    {
        var directory = Directory.CreateTempSubdirectory("lacquer-reload-");
        var file = Path.Combine(directory.FullName, "lacquer.json");
        await File.WriteAllTextAsync(file, Configuration("1m"));
        var server = await ServerProcess.StartAsync(file);
        try
        {
            using var http = new HttpClient { BaseAddress = server.Admin };
            Assert.Equal((1L, null), await Read(http));

            // A change of the file.
            await File.WriteAllTextAsync(file, Configuration("2m"));
            await server.ReadLineContaining("Configuration reloaded: generation 2");
            Assert.Equal((2L, "applied"), await Read(http));

            // SIGHUP re-reads the file even when it has not changed.
            server.Signal("HUP");
            await server.ReadLineContaining("Configuration reloaded: generation 3");
            Assert.Equal((3L, "applied"), await Read(http));

            // A broken file is refused: the server keeps generation 3 and keeps answering.
            await File.WriteAllTextAsync(file, """{ "zones": [ """);
            await server.ReadLineContaining("Configuration reload refused");
            Assert.Equal((3L, "refused"), await Read(http));
            Assert.False(server.Process.HasExited);
        }
        finally
        {
            await server.DisposeAsync();
            directory.Delete(recursive: true);
        }

        Assert.DoesNotContain("Unhandled exception", await server.StdErr, StringComparison.Ordinal);
    }

    /// <param name="limit">The inotify limit that is 0 for the server.</param>
    /// <param name="warning">What the server says about its file watcher.</param>
    /// <param name="generation">The generation before SIGHUP: a watcher that failed once running re-reads the file once.</param>
    [UserNamespaceTheory]
    [InlineData("max_inotify_instances", "is not watched", 1L)]
    [InlineData("max_inotify_watches", "Watching the configuration file", 2L)]
    public async Task Without_Inotify_The_Server_Starts_Says_Its_File_Is_Not_Watched_And_Reloads_On_Sighup(string limit, string warning, long generation)
    {
        var directory = Directory.CreateTempSubdirectory("lacquer-reload-");
        var file = Path.Combine(directory.FullName, "lacquer.json");
        await File.WriteAllTextAsync(file, Configuration("1m"));
        var server = await ServerProcess.StartWithoutInotifyAsync(file, limit);
        try
        {
            using var http = new HttpClient { BaseAddress = server.Admin };
            var said = await server.FindLineContaining(warning);
            Assert.Contains(file, said, StringComparison.Ordinal);
            Assert.Contains("SIGHUP", said, StringComparison.Ordinal);
            if (generation > 1)
            {
                await server.FindLineContaining($"Configuration reloaded: generation {generation}");
            }

            Assert.Equal(generation, (await Read(http)).Generation);

            await File.WriteAllTextAsync(file, Configuration("2m"));
            server.Signal("HUP");
            await server.ReadLineContaining($"Configuration reloaded: generation {generation + 1}");
            Assert.Equal((generation + 1, "applied"), await Read(http));
        }
        finally
        {
            await server.DisposeAsync();
            directory.Delete(recursive: true);
        }

        Assert.DoesNotContain("Unhandled exception", await server.StdErr, StringComparison.Ordinal);
    }

    private static string Configuration(string defaultTtl) => $$"""
        {
          "listen": { "proxy": "http://127.0.0.1:0", "admin": "http://127.0.0.1:0" },
          "zones": [ { "name": "a", "id": "0123456789abcdef0123456789abcdef", "hosts": ["a.example"],
                       "origin": "http://127.0.0.1:9", "defaultTtl": "{{defaultTtl}}" } ]
        }
        """;

    private static async Task<(long Generation, string? Result)> Read(HttpClient http)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync("/api/stats"));
        var configuration = json.RootElement.GetProperty("configuration");
        var last = configuration.GetProperty("lastReload");
        return (configuration.GetProperty("generation").GetInt64(), last.ValueKind == JsonValueKind.Null ? null : last.GetProperty("result").GetString());
    }
}
