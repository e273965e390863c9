// Runs Lacquer's two servers (docs/request-path.md): the proxy, which serves cached traffic on one or more
// listeners (http, https, h2c: Listeners, docs/edge.md), and the admin listener (health, stats, the purge APIs).
// Each is its own Kestrel server so that the admin surface can be bound to a private address. Every listener
// accepts port 0; the bound addresses are read back after start. Reload applies a re-read configuration to the
// running server (ConfigurationReload). Stopping (SIGTERM, Ctrl+C) closes the listeners at once and gives
// requests in flight up to shutdownTimeout to finish.
using Lacquer.Admin;
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Lacquer.Diagnostics;
using Lacquer.Forwarding;
using Lacquer.Proxy;
using Lacquer.Purge;
using Lacquer.Purge.Api;
using Lacquer.Purge.Api.Cloudflare;
using Lacquer.Purge.Api.Crafter;
using Lacquer.Purge.Api.Flextype;
using Lacquer.Purge.Api.Native;
using Lacquer.Purge.Api.ReferenceServer;
using Lacquer.Purge.Api.ServiceCache;
using Lacquer.Purge.Cluster;
using Lacquer.Purge.Cluster.Redis;
using Lacquer.Security;
using Lacquer.Zones;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lacquer.Hosting;

internal sealed partial class LacquerServer : IAsyncDisposable
{
    private readonly WebApplication _proxyApp;
    private readonly WebApplication _adminApp;
    private readonly OriginClient _originClient;
    private readonly MetricsExport _metricsExport;
    private readonly RequestLog? _requestLog;

    private readonly ConfigurationReload _reload;

    private LacquerServer(WebApplication proxyApp, WebApplication adminApp, OriginClient originClient, CachingProxy proxy, PurgeService purges, MetricsExport metricsExport, RequestLog? requestLog, ConfigurationReload reload)
    {
        _reload = reload;
        _metricsExport = metricsExport;
        _requestLog = requestLog;
        Purges = purges;
        _proxyApp = proxyApp;
        _adminApp = adminApp;
        _originClient = originClient;
        Proxy = proxy;
    }

    public CachingProxy Proxy { get; }

    public PurgeService Purges { get; }

    /// <summary>The running configuration's generation and the last reload attempt.</summary>
    public ConfigurationStatus Configuration => _reload.Status;

    /// <summary>The first proxy listener's bound address.</summary>
    public Uri ProxyUri => ProxyUris[0];

    /// <summary>Every proxy listener's bound address, in configuration order.</summary>
    public IReadOnlyList<Uri> ProxyUris { get; private set; } = [];

    public Uri AdminUri { get; private set; } = null!;

    /// <summary>The category ASP.NET Core's hosting layer logs each request's start and end under.</summary>
    public const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>The proxy listener's services (its logging configuration, for tests).</summary>
    internal IServiceProvider ProxyServices => _proxyApp.Services;

    /// <summary>
    /// The arguments every ASP.NET Core host of this process is built with. Lacquer reads its own configuration
    /// (docs/configuration.md), never the host's appsettings files, so the host does not watch them: that watch
    /// is recursive over the working directory and takes an inotify instance, and where the user has none left
    /// (fs.inotify.max_user_instances) it made start-up fail.
    /// </summary>
    internal static readonly string[] HostArguments = ["--hostBuilder:reloadConfigOnChange=false"];

    /// <summary>A logger of this server's logging configuration.</summary>
    public ILogger CreateLogger(string category) => _proxyApp.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);

    public static async Task<LacquerServer> StartAsync(LacquerSettings settings, TimeProvider time, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        var proxyApp = Build(settings, logging, proxy: true, time);
        var adminApp = Build(settings, logging, proxy: false, time);

        var zones = ConfigurationReload.ZoneTableFor(settings, previous: null);
        IEvictionPolicy policy = settings.Cache.EvictionPolicy == EvictionPolicyKind.Lru
            ? new LruEvictionPolicy()
            : new S3FifoEvictionPolicy(settings.Cache.MaxBytes);
        var store = new CacheStore(settings.Cache.MaxBytes, policy);
        var originClient = new OriginClient(time);
        originClient.Pools.Apply(zones);
        originClient.Upgrades.Limiter.Limits = settings.Upgrades;
        var loggers = proxyApp.Services.GetRequiredService<ILoggerFactory>();
        CachingProxy? proxy = null;
        var metrics = new LacquerMetrics(() => proxy?.Zones.Zones ?? [], store);
        metrics.Forwarding.Observe(originClient.Upgrades.Limiter);
        proxy = new CachingProxy(zones, store, settings.Cache.MaxObjectBytes, originClient, time, loggers.CreateLogger("Lacquer.Proxy"), metrics);
        var tokens = new TokenStore(settings.Tokens);
        var purges = new PurgeService(store, time, loggers.CreateLogger("Lacquer.Purge"), metrics.Purge);
        if (settings.Cluster is { } cluster)
        {
            // One shared purge log (docs/cluster.md): purges from every surface, and the invalidations after unsafe
            // methods, go through it; the proxy asks its gate whether this node may serve from cache.
            var log = new RedisPurgeLog(cluster, purges, () => proxy.Zones, time, loggers.CreateLogger("Lacquer.Purge.Cluster"));
            purges.Attach(log);
            proxy.JoinCluster(log.Gate, command => _ = purges.PurgeAsync(command, "unsafe method", "invalidation", PurgeWait.None, CancellationToken.None));
            metrics.Observe(log);
            log.Start();
        }

        var purgeMethod = new PurgeMethodHandler(() => proxy.Zones, tokens, purges);
        var metricsExport = new MetricsExport(metrics, settings.Metrics);
        var requestLog = RequestLogOutput.Open(settings.Log);
        if (requestLog is not null)
        {
            metrics.Proxy.Observe(requestLog);
        }

        var observer = new RequestObserver(metrics, requestLog, time);
        proxyApp.Run(context => RunProxy(proxy, purgeMethod, observer, context));
        metricsExport.Map(adminApp);

        // The surfaces that do not depend on the seed-surface settings are built once; a reload that changes
        // those settings gets new seed handlers around them.
        var fixedServices = new AdminServices(
            new CloudflarePurgeEndpoint(() => proxy.Zones, tokens, purges, settings.Purge, time),
            new PurgeLogReport(tokens, purges),
            new ZoneListReport(() => proxy.Zones, tokens));
        var reload = new ConfigurationReload(
            settings,
            proxy,
            tokens,
            purges,
            compat => fixedServices with
            {
                Crafter = compat.Crafter.Enabled
                    ? new CrafterEndpoint(() => proxy.Zones, compat.Crafter, purges, loggers.CreateLogger("Lacquer.Purge.Api.Crafter"))
                    : null,
                ServiceCache = compat.ServiceCache.Enabled
                    ? new ServiceCacheEndpoint(() => proxy.Zones, store, purges, compat.ServiceCache, time)
                    : null,
                ReferenceServer = compat.ReferenceServer.Enabled
                    ? new ReferenceServerEndpoint(() => proxy.Zones, store, purges, compat.ReferenceServer, loggers.CreateLogger("Lacquer.Purge.Api.ReferenceServer"))
                    : null,
                Flextype = compat.Flextype.Enabled ? new FlextypeEndpoint(() => proxy.Zones, purges, compat.Flextype) : null,
            },
            time,
            loggers.CreateLogger("Lacquer.Configuration"));
        AdminEndpoints.Map(adminApp, proxy, () => reload.Services, () => reload.Status, purges.Log);

        // Kestrel closes the listeners when it starts stopping, so new connections are refused from this line on.
        var hosting = loggers.CreateLogger("Lacquer.Hosting");
        proxyApp.Lifetime.ApplicationStopping.Register(() => Stopping(hosting, settings.ShutdownTimeout.TotalSeconds));
        proxyApp.Lifetime.ApplicationStopped.Register(() => Stopped(hosting));

        var server = new LacquerServer(proxyApp, adminApp, originClient, proxy, purges, metricsExport, requestLog, reload);
        await proxyApp.StartAsync(cancellationToken);
        await adminApp.StartAsync(cancellationToken);
        server.ProxyUris = BoundAddress.All(proxyApp);
        server.AdminUri = BoundAddress.Of(adminApp);
        return server;
    }

    /// <summary>
    /// Applies a re-read configuration (ConfigurationReload): on any error, or a <paramref name="problem"/> with the
    /// file, the running configuration stays and each error is logged.
    /// </summary>
    public ConfigurationStatus Reload(ConfigResult? result, string? problem = null) => _reload.Apply(result, problem);

    public async Task WaitForShutdownAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(_proxyApp.WaitForShutdownAsync(cancellationToken), _adminApp.WaitForShutdownAsync(cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        await _proxyApp.StopAsync();
        await _adminApp.StopAsync();
        await _proxyApp.DisposeAsync();
        await _adminApp.DisposeAsync();
        await Purges.Log.DisposeAsync();
        _originClient.Dispose();
        _metricsExport.Dispose();
        if (_requestLog is not null)
        {
            await _requestLog.DisposeAsync();
        }
    }

    private static async Task RunProxy(CachingProxy proxy, PurgeMethodHandler purgeMethod, RequestObserver observer, HttpContext context)
    {
        var started = observer.Start();
        var purge = context.Request.Method == PurgeMethodHandler.Method;

        // The zone is matched once, here, for the proxy and for the observer that counts the request under it.
        var match = proxy.Zones.Resolve(context, out var zone, out var site);

        // Taken for every request, a PURGE too, and once more at its end (lines of a Connection trailer), so
        // that no request's lines are left for the next request on the connection.
        var connectionAsSent = ConnectionFieldLines.Take();
        try
        {
            if (purge)
            {
                await purgeMethod.HandleAsync(context);
                return;
            }

            await proxy.HandleAsync(context, match, zone, site, connectionAsSent);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left while waiting; there is nobody to answer.
        }
        finally
        {
            ConnectionFieldLines.Take();
            observer.Finish(context, started, purge, match == HostMatch.Zone ? zone : null);
        }
    }

    /// <param name="proxy">
    /// The proxy server: its listeners (http, https, h2c), request bodies of any size (they stream to the origin),
    /// and Connection lines kept as sent (ConnectionFieldLines), so that every field they name is removed before
    /// forwarding. Otherwise the admin listener.
    /// </param>
    private static WebApplication Build(LacquerSettings settings, Action<ILoggingBuilder>? logging, bool proxy, TimeProvider time)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = HostArguments });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = settings.ShutdownTimeout);
        builder.Logging.ClearProviders();
        if (logging is null)
        {
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

            // The start-up banner (Cli/StartupBanner.cs) says where each listener is; the hosts' own start notices would repeat it.
            builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        }
        else
        {
            logging(builder.Logging);
        }

        if (proxy)
        {
            // The socket transport hands data between the connection's pipes and the application inline rather
            // than through a thread-pool hop each way (socket completions still arrive on the thread pool, so no
            // request runs on the socket engine's own thread). A large body then goes out as copy, send, copy,
            // send on one thread, and each 64 KiB piece's array is returned by the thread that rented it
            // (docs/performance.md, "1 MiB hits"). Lacquer's handlers never block a thread, the condition
            // under which inline scheduling is safe.
            builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);

            // ASP.NET Core's hosting layer starts an Activity (trace ids, Activity.Current) and a logging scope for
            // every request while its diagnostics category is enabled at any level, though it logs there only at
            // Information and below. Lacquer neither traces nor writes scopes, so on the proxy listener that work
            // was a cost of every hit for nothing: the category is off there (docs/performance.md, "1 KiB hits").
            builder.Logging.AddFilter(HostingDiagnosticsCategory, LogLevel.None);
        }

        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            if (!proxy)
            {
                Listeners.Bind(options, settings.Listen.Admin, h2c: false, certificates: null, connection: null);
                return;
            }

            options.Limits.MaxRequestBodySize = null;
            options.RequestHeaderEncodingSelector = ConnectionFieldLines.EncodingFor;
            var certificates = settings.Listen.HasTls
                ? ServerCertificates.Load(settings.Tls, time, options.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Lacquer.Tls"))
                : null;
            foreach (var url in settings.Listen.Proxy)
            {
                Listeners.Bind(options, url, settings.Listen.IsH2c(url), certificates, ConnectionFieldLines.BeginConnection);
            }
        });

        return builder.Build();
    }

    [LoggerMessage(EventId = Diagnostics.EventIds.Stopping, Level = LogLevel.Information, Message = "Stopping: the proxy listeners accept no new connections; requests in flight have up to {Seconds}s to finish (shutdownTimeout)")]
    private static partial void Stopping(ILogger logger, double seconds);

    [LoggerMessage(EventId = Diagnostics.EventIds.Stopped, Level = LogLevel.Information, Message = "Stopped: the proxy listeners are closed")]
    private static partial void Stopped(ILogger logger);
}
