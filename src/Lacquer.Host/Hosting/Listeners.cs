// Binds Kestrel to the configured listener URLs (docs/edge.md). An IP address binds that address ([::] also
// takes IPv4, dual-stack); "localhost" binds both loopbacks (127.0.0.1 alone for port 0, which Kestrel cannot
// pick on two addresses at once); any other name binds every address, as Kestrel does for a URL. A plain
// listener speaks HTTP/1.1, or HTTP/2 with prior knowledge when listed in listen:h2c (RFC 9113 §3.3): Kestrel
// cannot tell the two apart on one cleartext port. An https listener offers HTTP/2 and HTTP/1.1 by ALPN, with
// the certificate ServerCertificates picks for the requested server name.
using System.Net;
using Lacquer.Configuration;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Lacquer.Hosting;

internal static class Listeners
{
    /// <param name="options">Kestrel's options.</param>
    /// <param name="url">A validated listener URL.</param>
    /// <param name="h2c">Whether a plain listener speaks HTTP/2 with prior knowledge instead of HTTP/1.1.</param>
    /// <param name="certificates">The certificates of an https listener (validated: present whenever one is https).</param>
    /// <param name="connection">Runs on every accepted connection before TLS and HTTP (null: none).</param>
    public static void Bind(KestrelServerOptions options, Uri url, bool h2c, ServerCertificates? certificates, Action? connection)
    {
        void Configure(ListenOptions listen)
        {
            if (connection is not null)
            {
                listen.Use(next => async context =>
                {
                    connection();
                    await next(context);
                });
            }

            if (url.Scheme == Uri.UriSchemeHttps)
            {
                var selector = certificates ?? throw new InvalidOperationException($"{url} is https and no certificate is configured.");
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new TlsHandshakeCallbackOptions
                {
                    OnConnection = context => ValueTask.FromResult(selector.OptionsFor(context.ClientHelloInfo.ServerName)),
                });
            }
            else
            {
                listen.Protocols = h2c ? HttpProtocols.Http2 : HttpProtocols.Http1;
            }
        }

        var host = url.Host;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            options.Listen(address, url.Port, Configure);
        }
        else if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            if (url.Port == 0)
            {
                options.Listen(IPAddress.Loopback, 0, Configure);
            }
            else
            {
                options.ListenLocalhost(url.Port, Configure);
            }
        }
        else
        {
            options.ListenAnyIP(url.Port, Configure);
        }
    }
}
