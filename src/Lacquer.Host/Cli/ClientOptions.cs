// The two options every client command (purge, stats) takes: where the admin listener is and the API token.
using System.CommandLine;

namespace Lacquer.Cli;

internal sealed class ClientOptions
{
    public Option<string> Admin { get; } = new("--admin")
    {
        Description = $"The admin listener of the running node. Default: ${CliEnvironment.AdminVariable}, else {CliEnvironment.DefaultAdmin.GetLeftPart(UriPartial.Authority)}.",
        HelpName = "URL",
    };

    public Option<string> Token { get; } = new("--token")
    {
        Description = $"An API token from the node's configuration (tokens). Default: ${CliEnvironment.TokenVariable}. Prefer the variable: options show up in process lists.",
        HelpName = "TOKEN",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Admin);
        command.Options.Add(Token);
    }

    public (AdminClient? Client, string? Error) Client(ParseResult parse, CliEnvironment environment) =>
        AdminClient.Create(parse.GetValue(Admin), parse.GetValue(Token), environment);
}
