// The `lacquer` command tree (System.CommandLine): serve (also the root's own action, so `lacquer` alone and
// `lacquer --config FILE` keep working), purge, stats, check-config and version. RunAsync takes the writers and
// the environment, so that tests run any command in-process. Configuration overrides (--section:key=value or
// --section:key value, the shapes .NET's command-line configuration reads) are set aside before parsing and
// belong to serve alone; the parser sees the rest, and its errors (an unknown option or command, a missing
// value) print its message and exit 2 without running anything.
using System.CommandLine;
using System.CommandLine.Invocation;

namespace Lacquer.Cli;

internal static class LacquerCli
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var (overrides, rest, overrideError) = ServerConfiguration.SplitOverrides(args);
        if (overrideError is not null)
        {
            await environment.Error.WriteLineAsync($"lacquer: {overrideError}");
            return ExitCodes.Usage;
        }

        var root = Build(environment, overrides);
        var parse = root.Parse(rest);
        if (overrides.Length > 0 && parse.Action is not ParseErrorAction && parse.CommandResult.Command.Name is not ("lacquer" or "serve"))
        {
            await environment.Error.WriteLineAsync($"lacquer: '{overrides[0]}' is a configuration override; only serve takes those.");
            return ExitCodes.Usage;
        }

        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                await environment.Error.WriteLineAsync($"lacquer: {error.Message}");
            }

            await environment.Error.WriteLineAsync($"Run '{Usage(parse)} --help' for the commands and options.");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,

            // The server's hosts stop on Ctrl+C and SIGTERM themselves; the parser must not also claim the signals.
            ProcessTerminationTimeout = null,
        };
        return await parse.InvokeAsync(invocation, cancellationToken);
    }

    public static Command Build(CliEnvironment environment, IReadOnlyList<string> overrides)
    {
        var root = new Command("lacquer", $"""
            Lacquer: a caching HTTP reverse proxy with instant purge.
            With no command it serves (the demo site unless --config FILE is given): proxy on http://127.0.0.1:8080,
            admin (purge API, /api/stats, /healthz) on http://127.0.0.1:8081. {ServeVerb.Overrides}
            The client commands (purge, stats) read ${CliEnvironment.AdminVariable} and ${CliEnvironment.TokenVariable}.
            Exit codes: 0 done, 1 failed (refused or unreachable), 2 bad arguments or configuration.
            Docs: README.md, docs/cli.md, docs/configuration.md, docs/purge.md.
            """);
        root.Options.Add(new System.CommandLine.Help.HelpOption());
        root.Options.Add(new VersionOption { Action = new VersionAction(), Description = "Print the version and exit." });
        ServeVerb.Attach(root, overrides, environment);

        var serve = new Command("serve", ServeVerb.Description);
        ServeVerb.Attach(serve, overrides, environment);
        root.Subcommands.Add(serve);
        root.Subcommands.Add(PurgeVerb.Command(environment));
        root.Subcommands.Add(StatsVerb.Command(environment));
        root.Subcommands.Add(CheckConfigVerb.Command(environment));

        var version = new Command("version", "Print the version and exit (never starts a server).");
        version.SetAction(parse => new VersionAction().Invoke(parse));
        root.Subcommands.Add(version);
        return root;
    }

    private static string Usage(ParseResult parse)
    {
        var names = new List<string>();
        for (var command = parse.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, command.Command.Name);
        }

        return string.Join(' ', names);
    }

    /// <summary>Prints `lacquer VERSION` to the invocation's output.</summary>
    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine($"lacquer {LacquerVersion.Text}");
            return ExitCodes.Ok;
        }
    }
}
