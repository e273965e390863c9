// Applies a re-read configuration to the running server without a restart (docs/configuration.md "Reload").
// The reader is the start-up one (SettingsReader); a configuration with any error is refused whole, each
// error logged with its path, and the running one stays. An accepted one replaces by reference, each in one
// write, the zone table (zones, their policies and hosts, the trusted proxies), the purge tokens, the caps on
// upgraded connections and the seed cache-clear surfaces; a request in flight finishes on the snapshot it read. A zone keeps its cached entries
// when its id is unchanged (the store keeps each zone's state by id, CacheStore.ZoneCache, and the new Zone
// object is handed the old one's request counters); a removed zone, and a
// zone whose cached responses would be wrong under its new settings (another origin, other key headers or
// scheme, a host taken away), is hard-purged. Settings bound at start-up (listeners and their certificate list,
// shutdownTimeout, cache size and eviction, object limit, purge limits, metrics export, request log) are reported
// as needing a restart and otherwise left; a certificate whose files change is reloaded by the listener itself
// (CertificateFiles).
using Lacquer.Admin;
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Lacquer.Diagnostics;
using Lacquer.Forwarding;
using Lacquer.Proxy;
using Lacquer.Purge;
using Lacquer.Security;
using Lacquer.Zones;
using Microsoft.Extensions.Logging;

namespace Lacquer.Hosting;

internal sealed partial class ConfigurationReload
{
    /// <summary>Who a reload's purges are recorded as, in the purge log.</summary>
    public const string Surface = "reload";

    private readonly Lock _lock = new();
    private readonly CachingProxy _proxy;
    private readonly TokenStore _tokens;
    private readonly PurgeService _purges;
    private readonly Func<CompatSettings, AdminServices> _buildServices;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LacquerSettings _started;
    private LacquerSettings _current;
    private volatile AdminServices _services;
    private volatile ConfigurationStatus _status = ConfigurationStatus.Initial;

    public ConfigurationReload(LacquerSettings started, CachingProxy proxy, TokenStore tokens, PurgeService purges, Func<CompatSettings, AdminServices> buildServices, TimeProvider time, ILogger logger)
    {
        _started = started;
        _current = started;
        _proxy = proxy;
        _tokens = tokens;
        _purges = purges;
        _buildServices = buildServices;
        _time = time;
        _logger = logger;
        _services = buildServices(started.Compat);
    }

    /// <summary>The admin handlers of the running configuration.</summary>
    public AdminServices Services => _services;

    public ConfigurationStatus Status => _status;

    /// <summary>The zone table for <paramref name="settings"/>; each zone whose id <paramref name="previous"/> has keeps its request counters.</summary>
    public static ZoneTable ZoneTableFor(LacquerSettings settings, ZoneTable? previous)
    {
        // A request's scheme is that of the listener it came in on (a plain one: http, a TLS one: https), unless a
        // trusted proxy states the one its client used, which may be either.
        var trustedProxies = new TrustedProxies(settings.TrustedProxies);
        var requestSchemes = new List<string>(2);
        if (settings.Listen.HasPlain || !trustedProxies.IsEmpty)
        {
            requestSchemes.Add(SiteAddress.Http);
        }

        if (settings.Listen.HasTls || !trustedProxies.IsEmpty)
        {
            requestSchemes.Add(SiteAddress.Https);
        }

        return new ZoneTable(
            settings.Zones.Select(zone => new Zone(zone, requestSchemes, previous?.FindById(zone.Id)?.Counters)),
            trustedProxies);
    }

    /// <summary>
    /// Applies <paramref name="result"/> when it is valid, else keeps the running configuration. Attempts are
    /// applied one at a time. <paramref name="problem"/>: the file itself could not be used (missing, not JSON).
    /// </summary>
    /// <returns>The status after the attempt.</returns>
    public ConfigurationStatus Apply(ConfigResult? result, string? problem = null)
    {
        lock (_lock)
        {
            var at = _time.GetUtcNow();
            if (problem is not null || result is not { IsValid: true, Settings: { } settings })
            {
                IReadOnlyList<string> errors = problem is not null
                    ? [problem]
                    : [.. (result?.Errors ?? []).Select(error => error.ToString())];
                foreach (var error in errors)
                {
                    ReloadError(_logger, error);
                }

                ReloadRefused(_logger, errors.Count, _status.Generation);
                _status = _status with { LastReloadAt = at, LastReloadApplied = false, LastReloadErrors = errors };
                return _status;
            }

            foreach (var setting in NeedingRestart(_started, settings))
            {
                RestartNeeded(_logger, setting);
            }

            var previous = _proxy.Zones;
            var next = ZoneTableFor(settings, previous);
            var purged = new List<Zone>();
            foreach (var zone in previous.Zones)
            {
                if (next.FindById(zone.Id) is not { } successor)
                {
                    purged.Add(zone);
                }
                else if (InvalidatesCache(zone, successor))
                {
                    purged.Add(successor);
                }
            }

            // Pools first, so that a request on the new table finds its zone's pool (a changed pool takes effect now).
            _proxy.Origin.Pools.Apply(next);
            _proxy.ReplaceZones(next);
            _proxy.Origin.Upgrades.Limiter.Limits = settings.Upgrades;
            _tokens.Replace(settings.Tokens);
            if (!SameCompat(_current.Compat, settings.Compat))
            {
                _services = _buildServices(settings.Compat);
            }

            // After the swap: a fill that began before the purge is refused by its fence, and no request started
            // after the swap finds these zones' old entries.
            if (purged.Count > 0)
            {
                _purges.Purge(new PurgeCommand(purged, [PurgeSelector.Everything], Soft: false), "configuration reload", Surface);
            }

            _current = settings;
            _status = new ConfigurationStatus(_status.Generation + 1, at, true, []);
            Reloaded(_logger, _status.Generation, next.Zones.Count, settings.Tokens.Count, purged.Count == 0 ? "none" : string.Join(", ", purged.Select(zone => zone.Name)));
            return _status;
        }
    }

    /// <summary>
    /// Whether the entries stored under <paramref name="before"/> may be wrong for <paramref name="after"/>: another
    /// set of origins may serve other content (the same origins in another order are the same site); other key headers or a fixed scheme give other keys; a host taken away
    /// would leave its entries answering for whichever zone claims it next. Policy changes (TTLs, stale-on-error,
    /// tag headers, limits) keep the cache: they apply to what is stored from now on.
    /// </summary>
    private static bool InvalidatesCache(Zone before, Zone after) =>
        !before.OriginPool.Origins.ToHashSet().SetEquals(after.OriginPool.Origins)
        || !before.CacheKeyHeaders.AsSpan().SequenceEqual(after.CacheKeyHeaders, StringComparer.OrdinalIgnoreCase)
        || before.Scheme != after.Scheme
        || before.Hosts.Any(host => !after.Hosts.Contains(host, StringComparer.OrdinalIgnoreCase));

    /// <summary>The settings, by their configuration paths, that differ from start-up and apply only after a restart.</summary>
    private static IEnumerable<string> NeedingRestart(LacquerSettings started, LacquerSettings next)
    {
        if (!started.Listen.Proxy.SequenceEqual(next.Listen.Proxy))
        {
            yield return "listen:proxy";
        }

        if (!started.Listen.H2c.SequenceEqual(next.Listen.H2c))
        {
            yield return "listen:h2c";
        }

        if (!started.Tls.SameAs(next.Tls))
        {
            // The files named at start-up are still watched: a renewed certificate in them needs no restart.
            yield return "tls:certificates (certificate files already configured are re-read when they change, without a restart)";
        }

        if (started.ShutdownTimeout != next.ShutdownTimeout)
        {
            yield return SettingsReader.ShutdownKey;
        }

        if (started.Listen.Admin != next.Listen.Admin)
        {
            yield return "listen:admin";
        }

        if (started.Cache.MaxBytes != next.Cache.MaxBytes)
        {
            yield return "cache:maxBytes";
        }

        if (started.Cache.MaxObjectBytes != next.Cache.MaxObjectBytes)
        {
            yield return "cache:maxObjectBytes";
        }

        if (started.Cache.EvictionPolicy != next.Cache.EvictionPolicy)
        {
            yield return "cache:evictionPolicy";
        }

        if (started.Purge != next.Purge)
        {
            yield return "purge";
        }

        if (started.Metrics != next.Metrics)
        {
            yield return "metrics";
        }

        if (started.Log != next.Log)
        {
            yield return "log";
        }
    }

    private static bool SameCompat(CompatSettings a, CompatSettings b) =>
        a.Crafter.Enabled == b.Crafter.Enabled
        && a.Crafter.ManagementTokenSha256.AsSpan().SequenceEqual(b.Crafter.ManagementTokenSha256)
        && SameOpenSurface(a.ServiceCache, b.ServiceCache)
        && SameOpenSurface(a.ReferenceServer, b.ReferenceServer)
        && a.Flextype.Enabled == b.Flextype.Enabled
        && a.Flextype.SuccessStatus == b.Flextype.SuccessStatus
        && a.Flextype.Tokens.Count == b.Flextype.Tokens.Count
        && a.Flextype.Tokens.Zip(b.Flextype.Tokens).All(pair =>
            pair.First.Enabled == pair.Second.Enabled
            && pair.First.LimitCalls == pair.Second.LimitCalls
            && pair.First.TokenSha256.AsSpan().SequenceEqual(pair.Second.TokenSha256)
            && pair.First.AccessTokenSha256.AsSpan().SequenceEqual(pair.Second.AccessTokenSha256));

    private static bool SameOpenSurface(OpenSurfaceSettings a, OpenSurfaceSettings b) =>
        a.Enabled == b.Enabled
        && a.AllowNonLoopback == b.AllowNonLoopback
        && a.TokenSha256.AsSpan().SequenceEqual(b.TokenSha256);

    [LoggerMessage(EventId = EventIds.ReloadError, Level = LogLevel.Error, Message = "Configuration reload: {Error}")]
    private static partial void ReloadError(ILogger logger, string error);

    [LoggerMessage(EventId = EventIds.ReloadRefused, Level = LogLevel.Error, Message = "Configuration reload refused ({Count} errors); still running generation {Generation}")]
    private static partial void ReloadRefused(ILogger logger, int count, long generation);

    [LoggerMessage(EventId = EventIds.ReloadRestartNeeded, Level = LogLevel.Warning, Message = "Configuration reload: {Setting} changed; it applies only after a restart")]
    private static partial void RestartNeeded(ILogger logger, string setting);

    [LoggerMessage(EventId = EventIds.Reloaded, Level = LogLevel.Information, Message = "Configuration reloaded: generation {Generation}, {Zones} zones, {Tokens} tokens; cache purged for: {Purged}")]
    private static partial void Reloaded(ILogger logger, long generation, int zones, int tokens, string purged);
}
