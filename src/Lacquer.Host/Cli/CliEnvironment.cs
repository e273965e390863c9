// What a CLI command reads from outside its arguments: where to write and the environment variables. The
// executable passes the console and the process environment; tests pass captured writers and a dictionary,
// so that commands run in-process without touching global state.
using Lacquer.Configuration;

namespace Lacquer.Cli;

internal sealed record CliEnvironment(TextWriter Out, TextWriter Error, Func<string, string?> Variable)
{
    /// <summary>Where <c>lacquer purge</c> and <c>lacquer stats</c> find the admin listener.</summary>
    public const string AdminVariable = "LACQUER_ADMIN";

    /// <summary>The API token <c>lacquer purge</c> and <c>lacquer stats</c> send.</summary>
    public const string TokenVariable = "LACQUER_TOKEN";

    /// <summary>The admin listener's default address (the listen:admin default).</summary>
    public static readonly Uri DefaultAdmin = ListenSettings.DefaultAdmin;

    public static CliEnvironment Console() =>
        new(System.Console.Out, System.Console.Error, Environment.GetEnvironmentVariable);
}
