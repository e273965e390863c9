// lacquer [--demo] | --config FILE [--section:key=value ...]
//   no arguments or --demo: the bundled demo origin and a zone "demo" for localhost;
//   --config FILE: a real configuration (JSON), overridable by LACQUER_* environment variables and switches.
// Exit codes: 0 after a clean shutdown, 2 for configuration errors (all listed, with their paths).
using Lacquer.Configuration;
using Lacquer.Demo;
using Lacquer.Hosting;
using Microsoft.Extensions.Configuration;

namespace Lacquer;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            await Console.Out.WriteLineAsync("usage: lacquer [--demo] | --config FILE [--section:key=value ...]");
            return 0;
        }

        var demoRequested = args.Contains("--demo");
        var switches = args.Where(arg => arg != "--demo").ToArray();
        var configFile = ConfigFile(switches);
        if (configFile is null && switches.Length > 0 && !switches[0].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"lacquer: unexpected argument '{switches[0]}'. Use --config FILE or --demo.");
            return 2;
        }

        var builder = new ConfigurationBuilder();
        DemoOrigin? demo = null;
        if (configFile is null || demoRequested)
        {
            demo = await DemoOrigin.StartAsync(TimeProvider.System);
            builder.AddInMemoryCollection(DemoConfiguration.For(demo.Uri));
        }

        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                await Console.Error.WriteLineAsync($"lacquer: configuration file '{configFile}' not found.");
                return 2;
            }

            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false);
        }

        builder.AddEnvironmentVariables("LACQUER_").AddCommandLine(switches);
        ConfigResult result;
        try
        {
            result = SettingsReader.Read(builder.Build());
        }
        catch (Exception exception) when (exception is FormatException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"lacquer: the configuration could not be read: {exception.Message}");
            return 2;
        }

        if (!result.IsValid)
        {
            await Console.Error.WriteLineAsync($"lacquer: {result.Errors.Count} configuration error(s):");
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync($"  {error}");
            }

            return 2;
        }

        await using var server = await LacquerServer.StartAsync(result.Settings!, TimeProvider.System);
        await Console.Out.WriteLineAsync($"Lacquer proxy on {server.ProxyUri}, admin on {server.AdminUri}.");
        if (demo is not null)
        {
            await Console.Out.WriteLineAsync($"Demo origin on {demo.Uri}; try: curl -si http://localhost:{server.ProxyUri.Port}/");
        }

        await server.WaitForShutdownAsync();
        if (demo is not null)
        {
            await demo.DisposeAsync();
        }

        return 0;
    }

    private static string? ConfigFile(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config")
            {
                return i + 1 < args.Length ? args[i + 1] : string.Empty;
            }

            if (args[i].StartsWith("--config=", StringComparison.Ordinal))
            {
                return args[i]["--config=".Length..];
            }
        }

        return null;
    }
}
