// A client of one proxy listener that connects afresh for every request, so that each https request makes its
// own TLS handshake: the URL names the site (its host is the SNI server name and the Host field), the socket goes
// to the listener's address. The request's HTTP version is exact (no downgrade), which for a plain listener
// means HTTP/2 with prior knowledge (h2c). The certificate the server presented is recorded and must name the
// site (unless the test expects another name); its chain is not checked, as test certificates are self-signed.
using System.Net.Security;
using System.Net.Sockets;

namespace Lacquer.Harness;

internal static class EdgeClient
{
    /// <returns>The exchange, the served certificate's subject (empty over plain http) and the response's version.</returns>
    /// <param name="nameMatch">Whether the served certificate must be valid for <paramref name="host"/>.</param>
    public static async Task<(Exchange Exchange, string Subject, Version Version)> Get(Uri listener, string host, string target, Version version, bool nameMatch = true)
    {
        var tolerated = SslPolicyErrors.RemoteCertificateChainErrors | (nameMatch ? SslPolicyErrors.None : SslPolicyErrors.RemoteCertificateNameMismatch);
        var subject = string.Empty;
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(listener.Host, listener.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    subject = certificate?.Subject ?? string.Empty;
                    return (errors & ~tolerated) == SslPolicyErrors.None;
                },
            },
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{listener.Scheme}://{host}:{listener.Port}{target}"))
        {
            Version = version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        return (new Exchange(response, body), subject, response.Version);
    }
}
