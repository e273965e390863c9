using Microsoft.Extensions.Configuration;

namespace Lacquer.Configuration;

/// <summary>
/// Turns an <see cref="IConfiguration"/> (JSON file, <c>LACQUER_</c> environment variables, command
/// line — merged by the host) into validated, immutable <see cref="LacquerSettings"/>.
/// <para>
/// Every problem is collected, none stops the read: each section falls back to its defaults after
/// reporting, so later sections are still checked. Paths in errors use the documented spelling of
/// each key. Unknown keys are errors everywhere, except the top-level <c>config</c> and <c>demo</c>
/// (command-line switches of the host). Secrets never appear in an error. Never throws for bad input.
/// </para>
/// </summary>
internal static class SettingsReader
{
    private static readonly string[] RootKeys = ["listen", "cache", "zones", "tokens", "purge", "compat", TrustedProxiesReader.Key, "metrics", "log", TlsSettingsReader.Key, ShutdownKey, ClusterSettingsReader.Key, UpgradeLimits.PerClientKey, UpgradeLimits.TotalKey];

    /// <summary>How long requests in flight may take to finish once the server is asked to stop.</summary>
    public const string ShutdownKey = "shutdownTimeout";

    private static readonly string[] IgnoredRootKeys = ["config", "demo"];

    public static ConfigResult Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<ConfigError>();
        var root = ObjectReader.ForRoot(configuration, RootKeys, IgnoredRootKeys, errors);
        var tls = TlsSettingsReader.Read(root, out var certificatesListed);
        var errorsBeforeListen = errors.Count;
        var listen = ListenSettingsReader.Read(root, certificatesListed);
        var listenValid = errors.Count == errorsBeforeListen;
        var cache = CacheSettingsReader.Read(root);
        var zones = ZoneSettingsReader.ReadAll(root, cache);
        var tokens = TokenSettingsReader.ReadAll(root, zones.Names);
        var purge = PurgeSettingsReader.Read(root);
        var compat = CompatSettingsReader.Read(root, listenValid ? listen.Admin : null);
        var trustedProxies = TrustedProxiesReader.Read(root);
        var metrics = MetricsSettingsReader.Read(root);
        var log = LogSettingsReader.Read(root);
        var shutdownTimeout = root.Duration(ShutdownKey, LacquerSettings.DefaultShutdownTimeout, TimeSpan.Zero, TimeSpan.FromHours(1));
        var cluster = ClusterSettingsReader.Read(root);
        var upgrades = UpgradeLimits.Read(root);
        if (errors.Count > 0)
        {
            return new ConfigResult(null, errors.AsReadOnly());
        }

        return new ConfigResult(new LacquerSettings(listen, cache, zones.Zones, tokens, purge)
        {
            Tls = tls,
            ShutdownTimeout = shutdownTimeout,
            Compat = compat,
            TrustedProxies = trustedProxies,
            Metrics = metrics,
            Log = log,
            Cluster = cluster,
            Upgrades = upgrades,
        }, []);
    }
}
