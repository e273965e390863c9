// Sends requests to a zone's origins and classifies the expected failures as OriginError values. The origin is
// picked from the zone's pool (Pools/OriginPool: load-balancing policy, health); the connections are the pool's,
// made by the reverse proxy library's client factory. Request bodies stream from the client; the response is
// returned as soon as its head arrives, with its body unread, because a cache fill needs the response before the
// client gets it (docs/request-path.md, "Forwarding through YARP"). Upgrades (WebSockets) go through the
// library's forwarder instead (UpgradeForwarder).
//
// Steps of SendAsync:
//   1. pick an origin from the pool; none in rotation is NoHealthyOrigin;
//   2. build the origin URI from that origin and the request target the caller passes;
//   3. copy the request headers, minus hop-by-hop fields, and add Via, Forwarded and the X-Forwarded-* fields;
//   4. attach the client's body as a stream when it has one;
//   5. send, with the zone's origin timeout on the response head (a TimeProvider timer, so tests control it);
//      a connection that could not be made, for a request without a body, is tried once on each other origin
//      in rotation; a transport failure takes the origin out of rotation (passive health);
//   6. refuse a response whose status is not a final HTTP status (000, outside 100..599, a 1xx as the answer;
//      RFC 9110 §15) or whose Content-Length makes its framing invalid (ResponseFraming): 502, not a guess.
using System.Net;
using Lacquer.Configuration;
using Lacquer.Forwarding.Pools;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Lacquer.Forwarding;

internal sealed class OriginClient : IDisposable
{
    private static readonly UriCreationOptions RawTarget = new() { DangerousDisablePathAndQueryCanonicalization = true };

    private readonly TimeProvider _time;
    private readonly ServiceProvider _proxyLibrary;

    public OriginClient(TimeProvider time)
    {
        _time = time;
        _proxyLibrary = new ServiceCollection().AddLogging().AddReverseProxy().Services.BuildServiceProvider();
        Pools = new OriginPools(_proxyLibrary, time);
        Upgrades = new UpgradeForwarder(_proxyLibrary, Pools, time);
    }

    /// <summary>Every zone's origin pool; <see cref="OriginPools.Apply"/> keeps it in step with the zone table.</summary>
    public OriginPools Pools { get; }

    /// <summary>Forwards upgrade requests (WebSockets) through the reverse proxy library's forwarder.</summary>
    public UpgradeForwarder Upgrades { get; }

    /// <param name="site">The URL the client sees, as the key has it: the origin is sent this host and scheme.</param>
    /// <param name="pathAndQuery">The request target to send, as the client sent it (the caller computes it once).</param>
    /// <param name="method">The method to send: the client's, except that a HEAD miss is filled with GET.</param>
    /// <param name="validators">Conditional fields of a revalidation (If-None-Match, If-Modified-Since), or null.</param>
    public async Task<OriginResponse> SendAsync(HttpContext context, Zone zone, SiteAddress site, string pathAndQuery, string method, IReadOnlyList<KeyValuePair<string, string>>? validators, CancellationToken clientAborted)
    {
        var pool = Pools.For(zone) ?? throw new InvalidOperationException($"No origin pool for zone {zone.Name}.");
        var hasBody = HasBody(context.Request) && method != HttpMethods.Get && method != HttpMethods.Head;
        ulong tried = 0;

        // One pass per origin tried: a second only after a connection to the first could not be made.
        while (true)
        {
            // 1. The origin.
            var origin = pool.Pick(context, tried);
            if (origin is null)
            {
                return new OriginResponse(tried == 0 ? OriginError.NoHealthyOrigin : OriginError.Unreachable, null);
            }

            tried |= 1UL << origin.Index;

            // 2. The origin URI.
            var request = new HttpRequestMessage(MethodOf(method), OriginUri(origin.UriPrefix, pathAndQuery))
            {
                Version = pool.Settings.Http2 ? HttpVersion.Version20 : HttpVersion.Version11,
                VersionPolicy = VersionPolicyFor(pool.Settings, origin.Url),
            };

            // 4. The body, streamed (before the headers, so content headers have a home).
            if (hasBody)
            {
                request.Content = new StreamContent(context.Request.Body);
            }

            // 3. Headers.
            ForwardedRequestHeaders.Copy(context, request, site);
            foreach (var (name, value) in validators ?? [])
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            // 5. Send, with the origin timeout on the response head.
            var timeout = new CancellationTokenSource(zone.OriginTimeout, _time);
            using var abortRegistration = clientAborted.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), timeout);
            origin.Began();
            OriginError error;
            try
            {
                var response = await pool.Invoker.SendAsync(request, timeout.Token);

                // 6. Status and framing.
                if (ResponseFraming.HasFinalStatus(response) && !ResponseFraming.HasInvalidContentLength(response))
                {
                    return new OriginResponse(response, timeout, origin);
                }

                response.Dispose();
                error = OriginError.InvalidResponse;
            }
            catch (OperationCanceledException) when (clientAborted.IsCancellationRequested)
            {
                error = OriginError.ClientAborted;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                error = OriginError.Timeout;
                pool.TrafficFailed(origin);
            }
            catch (Exception exception) when (IsClientBodyFault(exception))
            {
                // Reading the client's body for the origin failed on the client's framing (Kestrel's
                // BadHttpRequestException, usually inside the HttpRequestException): not the origin's fault.
                error = OriginError.ClientBodyInvalid;
            }
            catch (HttpRequestException exception)
            {
                error = exception.HttpRequestError is HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded
                    ? OriginError.InvalidResponse
                    : OriginError.Unreachable;
                if (error == OriginError.Unreachable)
                {
                    pool.TrafficFailed(origin);

                    // Nothing reached the origin when the connection could not be made: the request may go to
                    // another origin, unless it has a body, which may have been read in part.
                    if (exception.HttpRequestError == HttpRequestError.ConnectionError && !hasBody)
                    {
                        origin.Ended();
                        timeout.Dispose();
                        request.Dispose();
                        continue;
                    }
                }
            }

            origin.Ended();
            return new OriginResponse(error, timeout);
        }
    }

    /// <summary>
    /// HTTP/1.1 by default. With HTTP/2 configured: negotiated by ALPN over TLS (falling back to HTTP/1.1 when the origin
    /// does not offer it), and spoken from the first byte (prior knowledge, h2c) to a plain-http origin, which has no
    /// way to negotiate it.
    /// </summary>
    internal static HttpVersionPolicy VersionPolicyFor(OriginPoolSettings settings, Uri origin) =>
        settings.Http2 && origin.Scheme == Uri.UriSchemeHttp ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower;

    private static bool IsClientBodyFault(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is BadHttpRequestException)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || request.Headers.ContainsKey(HeaderNames.TransferEncoding);

    /// <summary>
    /// The origin's URI for a request target. A target of visible ASCII is kept byte for byte — no dot
    /// segments resolved, no escapes added or removed — because the cache key is built from the same raw
    /// target and a proxy must not rewrite the path and query it forwards (RFC 9110
    /// §7.7). Kestrel lets some control characters through (0x01-0x1F but CR and LF, and DEL); a target with
    /// any gets Uri's canonical form, which percent-encodes them, rather than raw controls in a request line.
    /// </summary>
    internal static Uri OriginUri(Uri origin, string pathAndQuery) => OriginUri(UriPrefix(origin), pathAndQuery);

    /// <summary>The same from the origin's <see cref="UriPrefix(Uri)"/>, which its pool computes once.</summary>
    internal static Uri OriginUri(string prefix, string pathAndQuery)
    {
        var text = string.Concat(prefix, pathAndQuery);
        return pathAndQuery.AsSpan().ContainsAnyExceptInRange('!', '~') ? new Uri(text) : new Uri(text, RawTarget);
    }

    /// <summary>Scheme, authority and base path (without its trailing slash) of an origin: what a request target is appended to.</summary>
    internal static string UriPrefix(Uri origin) => string.Concat(origin.GetLeftPart(UriPartial.Authority), origin.AbsolutePath.TrimEnd('/'));

    /// <summary>
    /// The method to send: the shared instances for GET and HEAD (every miss is one of them), compared exactly, as
    /// methods are case-sensitive (RFC 9110 §9.1); any other as given.
    /// </summary>
    private static HttpMethod MethodOf(string method) =>
        string.Equals(method, HttpMethods.Get, StringComparison.Ordinal) ? HttpMethod.Get
        : string.Equals(method, HttpMethods.Head, StringComparison.Ordinal) ? HttpMethod.Head
        : new HttpMethod(method);

    public void Dispose()
    {
        Pools.Dispose();
        _proxyLibrary.Dispose();
    }
}
