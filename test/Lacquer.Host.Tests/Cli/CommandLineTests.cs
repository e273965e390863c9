// The command tree itself: real help on every command, version without a server, and unknown options or
// commands refused with exit code 2 instead of being ignored.
using System.Net;
using System.Net.Sockets;
using Lacquer.Harness;
using Lacquer.Hosting;

namespace Lacquer.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_Lists_The_Commands_Ports_Environment_And_Docs()
    {
        var run = await CliRun.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var expected in (string[])["serve", "purge", "stats", "check-config", "version", "--config", "--demo",
            "http://127.0.0.1:8080", "http://127.0.0.1:8081", "LACQUER_ADMIN", "LACQUER_TOKEN", "docs/cli.md"])
        {
            Assert.Contains(expected, run.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("purge", "--everything", "LACQUER_TOKEN")]
    [InlineData("stats", "--json", "LACQUER_ADMIN")]
    [InlineData("check-config", "FILE", "docs/configuration.md")]
    [InlineData("serve", "--config", "--section:key=value")]
    [InlineData("version", "Print the version", "server")]
    public async Task Every_Command_Has_Its_Own_Help(string command, string option, string mention)
    {
        var run = await CliRun.RunAsync(command, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"lacquer {command}", run.Out, StringComparison.Ordinal);
        Assert.Contains(option, run.Out, StringComparison.Ordinal);
        Assert.Contains(mention, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_Prints_And_Exits()
    {
        var run = await CliRun.RunAsync("version");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"lacquer {LacquerVersion.Text}", run.Out.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", LacquerVersion.Text);
    }

    [Fact]
    public async Task Version_Option_Wins_Over_Serving_And_Binds_No_Port()
    {
        // Listeners on ports the test then binds itself: had --version started a server, it would hold them
        // (and, serving, not return at all).
        var proxy = LoopbackPort.Unused();
        var admin = LoopbackPort.Unused();

        var run = await CliRun.RunAsync("--version", $"--listen:proxy=http://127.0.0.1:{proxy}", $"--listen:admin=http://127.0.0.1:{admin}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"lacquer {LacquerVersion.Text}", run.Out.Trim());
        foreach (var port in (int[])[proxy, admin])
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
        }
    }

    [Theory]
    [InlineData("'--listen:proxy=http://127.0.0.1:0' is a configuration override; only serve takes those.", "version", "--listen:proxy=http://127.0.0.1:0")]
    [InlineData("the setting '--cache:maxBytes' needs a value: --cache:maxBytes=VALUE.", "--demo", "--cache:maxBytes")]
    public async Task Misplaced_Or_Incomplete_Overrides_Exit_2(string message, params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public async Task The_Executable_Prints_Its_Version_And_Exits()
    {
        var (exitCode, stdout, _) = await LacquerProcess.RunAsync("--version");

        Assert.Equal(0, exitCode);
        Assert.StartsWith($"lacquer {LacquerVersion.Text}", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Unrecognized command or argument '--bogus'", "--bogus")]
    [InlineData("Unrecognized command or argument 'purj'", "purj")]
    [InlineData("Unrecognized command or argument '--verbose'", "stats", "--verbose")]
    [InlineData("Unrecognized command or argument '--listen'", "serve", "--listen", "http://127.0.0.1:0")]
    [InlineData("Required argument 'FILE' missing", "check-config")]
    public async Task Unknown_Options_And_Commands_Exit_2_With_A_Message(string message, params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Contains("--help", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }
}
