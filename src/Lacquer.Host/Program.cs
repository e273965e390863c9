// The `lacquer` executable: the server and the operator's CLI in one (src/Lacquer.Host/Cli, docs/cli.md).
using Lacquer.Cli;

namespace Lacquer;

internal static class Program
{
    public static Task<int> Main(string[] args) => LacquerCli.RunAsync(args, CliEnvironment.Console());
}
