// `lacquer [serve] [--demo | --config FILE] [--section:key=value ...]`: runs the proxy. With no file, or with
// --demo, the bundled demo origin starts on a loopback port and its configuration comes first (a file and
// switches can still override it). Configuration overrides (--section:key=value) are taken out of the
// arguments before parsing (LacquerCli) and handed in here; every other argument goes through the parser, which
// refuses anything it does not know.
using System.CommandLine;
using Lacquer.Demo;
using Lacquer.Hosting;

namespace Lacquer.Cli;

internal static class ServeVerb
{
    public const string Overrides =
        "Any setting can be overridden with --section:key=value, e.g. --listen:proxy=http://0.0.0.0:80 or --zones:0:origin=http://10.0.0.5:9000.";

    public const string Description = $"""
        Run the caching proxy (what `lacquer` with no command does). Listens by default on http://127.0.0.1:8080
        (proxy) and http://127.0.0.1:8081 (admin: purge API, /api/stats, /healthz). {Overrides}
        Exit code 2 when the configuration has errors (each listed with its path). See docs/configuration.md.
        """;

    /// <summary>Gives <paramref name="command"/> (the root command and `serve`) the serve options and action.</summary>
    public static void Attach(Command command, IReadOnlyList<string> overrides, CliEnvironment environment)
    {
        var demo = new Option<bool>("--demo")
        {
            Description = "Serve the bundled demo site (the default when no --config is given): zone \"demo\" for localhost, token demo-purge-token.",
        };
        var config = new Option<string>("--config")
        {
            Description = "The JSON configuration file (docs/configuration.md). LACQUER_* environment variables and --section:key=value switches override it.",
            HelpName = "FILE",
        };
        command.Options.Add(demo);
        command.Options.Add(config);
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(demo), result.GetValue(config), overrides, environment, cancellationToken));
    }

    private static async Task<int> RunAsync(bool demoRequested, string? configFile, IReadOnlyList<string> overrides, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var error = environment.Error;
        if (configFile is { Length: 0 })
        {
            await error.WriteLineAsync("lacquer: --config needs a file name.");
            return ExitCodes.Usage;
        }

        await using var demo = configFile is null || demoRequested
            ? await DemoOrigin.StartAsync(TimeProvider.System)
            : null;
        var (result, problem) = ServerConfiguration.Read(
            demo is null ? null : DemoConfiguration.For(demo.Uri), configFile, overrides);
        if (problem is not null || result is null)
        {
            await error.WriteLineAsync($"lacquer: {problem}");
            return ExitCodes.Usage;
        }

        if (!result.IsValid)
        {
            await ConfigErrors.WriteAsync(error, result.Errors);
            return ExitCodes.Usage;
        }

        LacquerServer server;
        try
        {
            server = await LacquerServer.StartAsync(result.Settings!, TimeProvider.System, cancellationToken: cancellationToken);
        }
        catch (IOException exception)
        {
            // Kestrel's bind failure names the address and the reason (e.g. address already in use).
            await error.WriteLineAsync($"lacquer: cannot start the listeners: {exception.Message}");
            return ExitCodes.Failed;
        }

        await using var running = server;

        // SIGHUP or a change of the file re-reads every source, as start-up did (docs/configuration.md "Reload").
        var demoSettings = demo is null ? null : DemoConfiguration.For(demo.Uri);
        using var reloads = new ReloadTriggers(configFile, () =>
        {
            var (reread, unusable) = ServerConfiguration.Read(demoSettings, configFile, overrides);
            server.Reload(reread, unusable);
        }, TimeProvider.System, server.CreateLogger("Lacquer.Configuration"));
        await StartupBanner.WriteAsync(environment.Out, result.Settings!, server.ProxyUris, server.AdminUri, configFile, demo?.Uri);
        await server.WaitForShutdownAsync(cancellationToken);
        return ExitCodes.Ok;
    }
}
