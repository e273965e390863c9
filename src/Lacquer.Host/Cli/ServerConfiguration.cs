// Builds and validates the server's configuration the same way for `lacquer serve` and `lacquer check-config`:
// the demo's keys (demo mode), the JSON file, LACQUER_* environment variables, then `--section:key=value`
// overrides (or --section:key value), each later source overriding an earlier one setting by setting. A file that is missing, unreadable
// or not valid JSON is reported as one clear problem (for JSON: the line and position, counted from 1); every
// other problem is one of the reader's path-named errors.
using System.Text.Json;
using System.Text.RegularExpressions;
using Lacquer.Configuration;
using Lacquer.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace Lacquer.Cli;

internal static partial class ServerConfiguration
{
    public const string EnvironmentPrefix = "LACQUER_";

    /// <summary>Reads the configuration; <c>Problem</c> is set when the file itself could not be used.</summary>
    public static (ConfigResult? Result, string? Problem) Read(
        IReadOnlyDictionary<string, string?>? demo, string? file, IReadOnlyList<string> overrides)
    {
        var builder = new ConfigurationBuilder();
        if (demo is not null)
        {
            builder.AddInMemoryCollection(demo);
        }

        if (file is not null)
        {
            if (!File.Exists(file))
            {
                return (null, $"configuration file '{file}' not found.");
            }

            builder.AddJsonFile(Path.GetFullPath(file), optional: false);
        }

        builder.Add(new ServerEnvironmentSource());
        builder.AddCommandLine([.. overrides]);
        try
        {
            var configuration = builder.Build();
            var result = SettingsReader.Read(configuration);

            // The reader checks what a value says; whether the request log's file can be opened is a fact of this
            // machine, checked here so that serve, check-config and a reload all report it with the other errors.
            return RequestLogOutput.CannotOpen(configuration["log:requests"]) is { } unusable
                ? (result with { Errors = [.. result.Errors, new ConfigError("log:requests", unusable)] }, null)
                : (result, null);
        }
        catch (Exception exception) when (exception is FormatException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return (null, Describe(file, exception));
        }
    }

    /// <summary>
    /// Separates configuration overrides — <c>--section:key=value</c>, or <c>--section:key value</c> (a nested key,
    /// its value in the next argument) — from the other arguments. Each override comes back as
    /// <c>--section:key=value</c>; <c>Error</c> names an override that lacks its value.
    /// </summary>
    public static (string[] Overrides, string[] Others, string? Error) SplitOverrides(IReadOnlyList<string> args)
    {
        var overrides = new List<string>();
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (OverrideWithValue().IsMatch(arg))
            {
                overrides.Add(arg);
            }
            else if (OverrideKey().IsMatch(arg))
            {
                if (i + 1 >= args.Count)
                {
                    return ([], [], $"the setting '{arg}' needs a value: {arg}=VALUE.");
                }

                overrides.Add($"{arg}={args[++i]}");
            }
            else
            {
                rest.Add(arg);
            }
        }

        return ([.. overrides], [.. rest], null);
    }

    private static string Describe(string? file, Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException { LineNumber: { } line, BytePositionInLine: { } position } json)
            {
                // JsonException counts lines and positions from 0 and appends them to its message.
                var reason = json.Message;
                var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
                reason = (cut < 0 ? reason : reason[..cut]).TrimEnd(' ', '.', '|');
                return $"{file}: invalid JSON at line {line + 1}, position {position + 1}: {reason}.";
            }
        }

        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return ReferenceEquals(innermost, exception)
            ? $"the configuration could not be read: {exception.Message}"
            : $"the configuration could not be read: {exception.Message} {innermost.Message}";
    }

    [GeneratedRegex(@"^--[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)+=", RegexOptions.CultureInvariant)]
    private static partial Regex OverrideWithValue();

    [GeneratedRegex(@"^--[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex OverrideKey();

    /// <summary>
    /// LACQUER_* environment variables as settings, except LACQUER_ADMIN and LACQUER_TOKEN: those belong to the
    /// CLI's client commands, and an operator's shell that has them set must still be able to start a server.
    /// </summary>
    private sealed class ServerEnvironmentSource : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider();

        private sealed class Provider() : EnvironmentVariablesConfigurationProvider(EnvironmentPrefix)
        {
            public override void Load()
            {
                base.Load();
                Data.Remove(CliEnvironment.AdminVariable[EnvironmentPrefix.Length..]);
                Data.Remove(CliEnvironment.TokenVariable[EnvironmentPrefix.Length..]);
            }
        }
    }
}
