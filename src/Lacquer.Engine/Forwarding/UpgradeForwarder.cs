// Upgrades: a WebSocket opening handshake over HTTP/1.1 (Upgrade: websocket, RFC 6455 §4) or HTTP/2 extended
// CONNECT (RFC 8441), and SPDY-style upgrades, go to the origin through the reverse proxy library's forwarder,
// which relays the 101 and then copies bytes both ways until either side closes. Never cached: the request
// never reaches the cache, and nothing of the exchange is stored. The library converts between the client's
// HTTP/2 WebSocket and an HTTP/1.1 one to the origin when the origin speaks only that.
//
// Lacquer's request-header rules still hold (ForwardedRequestHeaders): hop-by-hop fields and the fields the
// client's Connection names are not forwarded, Host is the key's host, Via and the forwarding fields are
// Lacquer's. The forwarder then re-adds only Connection: Upgrade and the Upgrade field itself, the two this
// hop exists to pass on (RFC 9110 §7.8). An upgraded connection that carries nothing either way for the zone's
// upgradeIdleTimeout is closed (the forwarder's activity timeout, which also bounds the wait for the 101).
using Lacquer.Forwarding.Pools;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Forwarder;

namespace Lacquer.Forwarding;

internal sealed class UpgradeForwarder
{
    private readonly IHttpForwarder _forwarder;
    private readonly OriginPools _pools;
    private readonly TimeProvider _time;

    /// <summary>The caps on upgraded connections open at once, per client and in all; the caller enters before forwarding.</summary>
    public UpgradeLimiter Limiter { get; } = new();

    public UpgradeForwarder(IServiceProvider proxyLibrary, OriginPools pools, TimeProvider time)
    {
        _forwarder = proxyLibrary.GetRequiredService<IHttpForwarder>();
        _pools = pools;
        _time = time;
    }

    /// <summary>
    /// Whether the request asks to switch protocols in a way the forwarder relays: Upgrade: websocket or SPDY on an
    /// HTTP/1.1 request the listener can upgrade, or an HTTP/2 extended CONNECT. A request without an Upgrade field
    /// that is not CONNECT (every cache hit) is answered by two field reads.
    /// </summary>
    public static bool IsUpgrade(HttpContext context)
    {
        var request = context.Request;
        var upgrade = request.Headers.Upgrade;
        if (upgrade.Count == 0)
        {
            return HttpMethods.IsConnect(request.Method) && context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;
        }

        if (context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest != true)
        {
            return false;
        }

        var protocol = upgrade.ToString();
        return protocol.Equals("websocket", StringComparison.OrdinalIgnoreCase) || protocol.StartsWith("SPDY/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Forwards the upgrade to an origin of the zone's pool and relays the connection until it ends. Returns the
    /// failure to answer when nothing has been sent to the client yet; None otherwise.
    /// </summary>
    public async Task<OriginError> ForwardAsync(HttpContext context, Zone zone, SiteAddress site, string pathAndQuery)
    {
        var pool = _pools.For(zone) ?? throw new InvalidOperationException($"No origin pool for zone {zone.Name}.");
        var origin = pool.Pick(context);
        if (origin is null)
        {
            return OriginError.NoHealthyOrigin;
        }

        var config = new ForwarderRequestConfig
        {
            ActivityTimeout = zone.UpgradeIdleTimeout,
            Version = pool.Settings.Http2 ? System.Net.HttpVersion.Version20 : System.Net.HttpVersion.Version11,
            VersionPolicy = OriginClient.VersionPolicyFor(pool.Settings, origin.Url),
        };
        var started = _time.GetTimestamp();
        origin.Began();
        ForwarderError error;
        try
        {
            error = await _forwarder.SendAsync(context, origin.Url.OriginalString, pool.Invoker, config, new Transformer(site, origin.Url, pathAndQuery));
        }
        finally
        {
            origin.Ended();
        }

        ForwardedExchange.AddOriginTime(context, _time.GetElapsedTime(started));
        if (error is ForwarderError.Request or ForwarderError.RequestTimedOut)
        {
            pool.TrafficFailed(origin);
        }

        if (context.Response.HasStarted)
        {
            return OriginError.None;
        }

        return error switch
        {
            ForwarderError.None => OriginError.None,
            ForwarderError.RequestTimedOut => OriginError.Timeout,
            ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.UpgradeRequestCanceled => OriginError.ClientAborted,
            ForwarderError.ResponseHeaders => OriginError.InvalidResponse,
            ForwarderError.NoAvailableDestinations => OriginError.NoHealthyOrigin,
            _ => OriginError.Unreachable,
        };
    }

    /// <summary>Lacquer's request-header rules and the raw request target, instead of the library's defaults.</summary>
    private sealed class Transformer(SiteAddress site, Uri origin, string pathAndQuery) : HttpTransformer
    {
        public override ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            ForwardedRequestHeaders.Copy(httpContext, proxyRequest, site);
            proxyRequest.RequestUri = OriginClient.OriginUri(origin, pathAndQuery);
            return ValueTask.CompletedTask;
        }

        public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
        {
            var copy = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
            var headers = httpContext.Response.Headers;
            headers.Via = Microsoft.Extensions.Primitives.StringValues.Concat(headers.Via, ForwardedRequestHeaders.ViaValue);
            return copy;
        }
    }
}
