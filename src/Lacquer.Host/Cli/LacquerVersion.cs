// The version `lacquer version` and `lacquer --version` print: the host assembly's informational version
// (the build's version, with the source revision when the SDK knows it).
using System.Reflection;

namespace Lacquer.Cli;

internal static class LacquerVersion
{
    public static string Text { get; } =
        typeof(LacquerVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(LacquerVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
