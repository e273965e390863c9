// Runs Lacquer's two listeners (PRODUCT.md "Surfaces"): the proxy, which serves cached traffic, and the
// admin listener (health, stats, the purge APIs). Each is its own Kestrel server so that the admin
// surface can be bound to a private address. Both accept port 0; the bound addresses are read back after start.
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
using Lacquer.Security;
using Lacquer.Zones;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lacquer.Hosting;

internal sealed class LacquerServer : IAsyncDisposable
{
    private readonly WebApplication _proxyApp;
    private readonly WebApplication _adminApp;
    private readonly OriginClient _originClient;

    private LacquerServer(WebApplication proxyApp, WebApplication adminApp, OriginClient originClient, CachingProxy proxy, PurgeService purges)
    {
        Purges = purges;
        _proxyApp = proxyApp;
        _adminApp = adminApp;
        _originClient = originClient;
        Proxy = proxy;
    }

    public CachingProxy Proxy { get; }

    public PurgeService Purges { get; }

    public Uri ProxyUri { get; private set; } = null!;

    public Uri AdminUri { get; private set; } = null!;

    public static async Task<LacquerServer> StartAsync(LacquerSettings settings, TimeProvider time, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        var proxyApp = Build(settings.Listen.Proxy, logging, unlimitedBodies: true);
        var adminApp = Build(settings.Listen.Admin, logging, unlimitedBodies: false);

        // Requests arrive as http; a trusted proxy may state https (a TLS listener will add https here too).
        var trustedProxies = new TrustedProxies(settings.TrustedProxies);
        string[] requestSchemes = trustedProxies.IsEmpty ? [SiteAddress.Http] : [SiteAddress.Http, SiteAddress.Https];
        var zones = new ZoneTable(settings.Zones.Select(zone => new Zone(zone, requestSchemes)), trustedProxies);
        IEvictionPolicy policy = settings.Cache.EvictionPolicy == EvictionPolicyKind.Lru
            ? new LruEvictionPolicy()
            : new S3FifoEvictionPolicy(settings.Cache.MaxBytes);
        var store = new CacheStore(settings.Cache.MaxBytes, policy);
        var originClient = new OriginClient(time);
        var loggers = proxyApp.Services.GetRequiredService<ILoggerFactory>();
        var proxy = new CachingProxy(zones, store, settings.Cache.MaxObjectBytes, originClient, time, loggers.CreateLogger("Lacquer.Proxy"));
        var tokens = new TokenStore(settings.Tokens);
        var purges = new PurgeService(store, time, loggers.CreateLogger("Lacquer.Purge"));
        var purgeMethod = new PurgeMethodHandler(() => proxy.Zones, tokens, purges);

        proxyApp.Run(context => RunProxy(proxy, purgeMethod, context));
        AdminEndpoints.Map(adminApp, proxy, new AdminServices(
            new CloudflarePurgeEndpoint(() => proxy.Zones, tokens, purges, settings.Purge, time),
            new PurgeLogReport(tokens, purges),
            new ZoneListReport(() => proxy.Zones, tokens),
            settings.Compat.Crafter.Enabled
                ? new CrafterEndpoint(() => proxy.Zones, settings.Compat.Crafter, purges, loggers.CreateLogger("Lacquer.Purge.Api.Crafter"))
                : null,
            settings.Compat.ServiceCache.Enabled
                ? new ServiceCacheEndpoint(() => proxy.Zones, store, purges, settings.Compat.ServiceCache, time)
                : null,
            settings.Compat.ReferenceServer.Enabled
                ? new ReferenceServerEndpoint(() => proxy.Zones, store, purges, settings.Compat.ReferenceServer, loggers.CreateLogger("Lacquer.Purge.Api.ReferenceServer"))
                : null,
            settings.Compat.Flextype.Enabled ? new FlextypeEndpoint(() => proxy.Zones, purges, settings.Compat.Flextype) : null));

        var server = new LacquerServer(proxyApp, adminApp, originClient, proxy, purges);
        await proxyApp.StartAsync(cancellationToken);
        await adminApp.StartAsync(cancellationToken);
        server.ProxyUri = BoundAddress.Of(proxyApp);
        server.AdminUri = BoundAddress.Of(adminApp);
        return server;
    }

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
        _originClient.Dispose();
    }

    private static async Task RunProxy(CachingProxy proxy, PurgeMethodHandler purgeMethod, HttpContext context)
    {
        try
        {
            if (context.Request.Method == PurgeMethodHandler.Method)
            {
                await purgeMethod.HandleAsync(context);
                return;
            }

            await proxy.HandleAsync(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left while waiting; there is nobody to answer.
        }
    }

    private static WebApplication Build(Uri url, Action<ILoggingBuilder>? logging, bool unlimitedBodies)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(url.GetLeftPart(UriPartial.Authority));
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            if (unlimitedBodies)
            {
                options.Limits.MaxRequestBodySize = null;
            }
        });
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

        return builder.Build();
    }

}
