// Runs a `lacquer` command in-process, as the executable would, with captured output and error writers and an
// environment of the test's choosing (the process environment is never read for LACQUER_ADMIN / LACQUER_TOKEN).
using Lacquer.Harness;

namespace Lacquer.Cli;

internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var variables = environment ?? new Dictionary<string, string>();
        var exitCode = await LacquerCli.RunAsync(args, new CliEnvironment(output, error, name => variables.GetValueOrDefault(name)))
            .WaitAsync(TimeSpan.FromSeconds(60));
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>`lacquer purge …` against the conversation's admin listener with the given token.</summary>
    public static Task<CliRun> PurgeAsync(Conversation c, string token, params string[] args) =>
        RunAsync(["purge", .. args, "--admin", c.Server.AdminUri.ToString(), "--token", token]);
}
