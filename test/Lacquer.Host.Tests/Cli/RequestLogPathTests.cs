// log:requests naming a file that cannot be opened for appending (its directory is missing, it is a directory,
// a part of its path is a file) is a configuration error of log:requests: `lacquer check-config` and start-up
// list it with the other errors and exit 2, and a reload that names it is refused with the error logged while
// the running configuration keeps serving. A usable path passes the check and the check leaves no file behind.
using Lacquer.Demo;
using Lacquer.Harness;

namespace Lacquer.Cli;

public sealed class RequestLogPathTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lacquer-log-path-").FullName;

    public static TheoryData<string> Unusable =>
    [
        "missing-directory/access.log",
        "a-directory",
        "a-file/access.log",
    ];

    [Theory]
    [MemberData(nameof(Unusable))]
    public async Task Check_Config_Reports_The_Unusable_File_At_Log_Requests_With_The_Other_Errors_And_Exits_2(string relative)
    {
        var path = Prepare(relative);
        var config = Path.Combine(_folder, "lacquer.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "cache": { "maxBytes": "lots" },
              "zones": [ { "name": "shop", "id": "023e105f4ecef8ad9ca31a8372d0c353", "hosts": ["shop.example"], "origin": "http://127.0.0.1:9000" } ],
              "log": { "requests": "{{path}}" }
            }
            """);

        var run = await CliRun.RunAsync("check-config", config);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"\n  log:requests: cannot open \"{path}\" for appending: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("\n  cache:maxBytes", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Theory]
    [MemberData(nameof(Unusable))]
    public async Task Serve_Refuses_To_Start_With_The_Error_At_Log_Requests_And_Exits_2(string relative)
    {
        var path = Prepare(relative);

        var run = await CliRun.RunAsync("--demo", "--listen:proxy=http://127.0.0.1:0", "--listen:admin=http://127.0.0.1:0", $"--log:requests={path}");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"log:requests: cannot open \"{path}\" for appending: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Unusable))]
    public async Task A_Reload_Naming_The_Unusable_File_Is_Refused_And_The_Running_Configuration_Serves_On(string relative)
    {
        var path = Prepare(relative);
        var log = new CapturedLog();
        await using var c = await Conversation.StartAsync(logging: log.Add);
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60");
        (await c.Client.Get("/a")).ExpectMiss().ExpectStored();

        var (result, problem) = ServerConfiguration.Read(DemoConfiguration.For(c.Origin.Uri), file: null, [$"--log:requests={path}"]);
        var status = c.Server.Reload(result, problem);

        Assert.False(status.LastReloadApplied);
        Assert.Equal(1, status.Generation);
        Assert.Contains(log.Lines, line => line.EventId == Diagnostics.EventIds.ReloadError
            && line.Message.StartsWith($"Configuration reload: log:requests: cannot open \"{path}\" for appending: ", StringComparison.Ordinal));
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("a1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public void A_Usable_Path_Passes_And_The_Check_Leaves_No_File_Behind()
    {
        var path = Path.Combine(_folder, "access.log");

        var (result, problem) = ServerConfiguration.Read(DemoConfiguration.For(new Uri("http://127.0.0.1:9000")), file: null, [$"--log:requests={path}"]);

        Assert.Null(problem);
        Assert.True(result!.IsValid, string.Join("; ", result.Errors));
        Assert.False(File.Exists(path), "checking the path created the log file");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The absolute path for a case, with what makes it unusable created in the test's folder.</summary>
    private string Prepare(string relative)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "a-directory"));
        File.WriteAllText(Path.Combine(_folder, "a-file"), "not a folder");
        return Path.Combine(_folder, relative);
    }
}
