// The connections to origins, made by the reverse proxy library's client factory (no proxy, no redirects, no
// decompression, no cookies; certificate validation per HttpClientConfig), with three of Lacquer's own rules
// on top: no trace-context headers are added to forwarded requests (the origin sees the client's fields and the
// forwarding fields, nothing Lacquer invents), idle pooled connections close after 60 s, and a connection
// attempt gives up after 10 s.
using System.Net.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Lacquer.Forwarding.Pools;

internal sealed class OriginHttpClientFactory : ForwarderHttpClientFactory
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ActivityHeadersPropagator = null;
        handler.PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60);
        handler.ConnectTimeout = TimeSpan.FromSeconds(10);
    }
}
