// `lacquer check-config FILE`: the start-up validation without starting anything — the file, then LACQUER_*
// environment variables, exactly as `lacquer --config FILE` would read them. Exit 0 and "ok", or exit 2 with
// every error and its setting's path (or the file's problem: missing, or the JSON's line and position).
using System.CommandLine;

namespace Lacquer.Cli;

internal static class CheckConfigVerb
{
    public static Command Command(CliEnvironment environment)
    {
        var file = new Argument<string>("FILE") { Description = "The JSON configuration file to check." };
        var command = new Command("check-config", """
            Validate a configuration file as start-up does (with the LACQUER_* environment variables applied) without
            starting a server. Prints "ok" and exits 0, or lists every error with its path and exits 2.
            See docs/configuration.md.
            """);
        command.Arguments.Add(file);
        command.SetAction(async parse =>
        {
            var path = parse.GetValue(file)!;
            var (result, problem) = ServerConfiguration.Read(null, path, []);
            if (problem is not null || result is null)
            {
                await environment.Error.WriteLineAsync($"lacquer check-config: {problem}");
                return ExitCodes.Usage;
            }

            if (!result.IsValid)
            {
                await ConfigErrors.WriteAsync(environment.Error, result.Errors);
                return ExitCodes.Usage;
            }

            var settings = result.Settings!;
            await environment.Out.WriteLineAsync(
                $"ok: {Path.GetFullPath(path)}: proxy {string.Join(" ", settings.Listen.Proxy)}, admin {settings.Listen.Admin}, " +
                $"{settings.Zones.Count} zone(s){(settings.Zones.Count == 0 ? string.Empty : ": " + string.Join(", ", settings.Zones.Select(zone => zone.Name)))}, " +
                $"{settings.Tokens.Count} token(s).");
            return ExitCodes.Ok;
        });
        return command;
    }
}
