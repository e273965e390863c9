namespace Lacquer.Configuration;

/// <summary>The whole validated, immutable configuration; produced only by <see cref="SettingsReader"/>.</summary>
internal sealed record LacquerSettings(
    ListenSettings Listen,
    CacheSettings Cache,
    IReadOnlyList<ZoneSettings> Zones,
    IReadOnlyList<TokenSettings> Tokens,
    PurgeSettings Purge)
{
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The certificates of the https proxy listeners (<c>tls</c>); none by default.</summary>
    public TlsSettings Tls { get; init; } = TlsSettings.None;

    /// <summary>On SIGTERM (or Ctrl+C) the listeners stop accepting and requests in flight get this long to finish (<c>shutdownTimeout</c>).</summary>
    public TimeSpan ShutdownTimeout { get; init; } = DefaultShutdownTimeout;

    /// <summary>The seed cache-clear endpoints; an init property with a default so that code building settings by hand need not name it.</summary>
    public CompatSettings Compat { get; init; } = CompatSettings.Default;

    /// <summary>Peers whose X-Forwarded-Proto / Forwarded proto= are believed and whose forwarding fields are extended; empty: none.</summary>
    public IReadOnlyList<System.Net.IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary>Metrics export (<c>metrics</c>); Prometheus at /metrics always, OTLP when configured.</summary>
    public MetricsSettings Metrics { get; init; } = MetricsSettings.Default;

    /// <summary>The request log (<c>log</c>); off by default.</summary>
    public LogSettings Log { get; init; } = LogSettings.Default;

    /// <summary>How many upgraded connections may be open at once, per client address and in all (<c>maxUpgradesPerClient</c>, <c>maxUpgrades</c>).</summary>
    public UpgradeLimits Upgrades { get; init; } = UpgradeLimits.Default;

    /// <summary>The shared purge log (<c>cluster</c>); null: one node with the embedded log.</summary>
    public ClusterSettings? Cluster { get; init; }
}
