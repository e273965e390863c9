// Configuration errors as start-up and `lacquer check-config` print them: a count, then one line per error
// with the setting's path (the reader's messages never contain a secret).
using Lacquer.Configuration;

namespace Lacquer.Cli;

internal static class ConfigErrors
{
    public static async Task WriteAsync(TextWriter error, IReadOnlyList<ConfigError> errors)
    {
        await error.WriteLineAsync($"lacquer: {errors.Count} configuration error(s):");
        foreach (var item in errors)
        {
            await error.WriteLineAsync($"  {item}");
        }
    }
}
