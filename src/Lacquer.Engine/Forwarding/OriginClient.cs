// Sends requests to origins over pooled connections (one SocketsHttpHandler for all zones) and classifies
// the expected failures as OriginError values. Request bodies stream from the client; the response is
// returned as soon as its head arrives, with its body unread.
//
// Steps of SendAsync:
//   1. build the origin URI from the zone's origin and the client's request target;
//   2. copy the request headers, minus hop-by-hop fields, and add Via, Forwarded and the X-Forwarded-* fields;
//   3. attach the client's body as a stream when it has one;
//   4. send, with the zone's origin timeout on the response head (a TimeProvider timer, so tests control it);
//   5. refuse a response whose status is not a final HTTP status (000, outside 100..599, a 1xx as the answer;
//      RFC 9110 §15) or whose Content-Length makes its framing invalid (ResponseFraming): 502, not a guess.
using System.Net;
using System.Net.Http.Headers;
using Lacquer.Caching.Keys;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Lacquer.Forwarding;

internal sealed class OriginClient : IDisposable
{
    private static readonly UriCreationOptions RawTarget = new() { DangerousDisablePathAndQueryCanonicalization = true };

    private readonly HttpMessageInvoker _invoker;
    private readonly TimeProvider _time;

    public OriginClient(TimeProvider time)
    {
        _time = time;
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        });
    }

    /// <param name="site">The URL the client sees, as the key has it: the origin is sent this host and scheme.</param>
    /// <param name="method">The method to send: the client's, except that a HEAD miss is filled with GET.</param>
    /// <param name="validators">Conditional fields of a revalidation (If-None-Match, If-Modified-Since), or null.</param>
    public async Task<OriginResponse> SendAsync(HttpContext context, Zone zone, SiteAddress site, string method, IReadOnlyList<KeyValuePair<string, string>>? validators, CancellationToken clientAborted)
    {
        // 1. The origin URI.
        var request = new HttpRequestMessage(new HttpMethod(method), OriginUri(zone.Origin, CacheKeys.PathAndQuery(context)))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };

        // 3. The body, streamed (before the headers, so content headers have a home).
        var incoming = context.Request;
        if (HasBody(incoming) && method != HttpMethods.Get && method != HttpMethods.Head)
        {
            request.Content = new StreamContent(incoming.Body);
        }

        // 2. Headers.
        ForwardedRequestHeaders.Copy(context, request, site);
        foreach (var (name, value) in validators ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        // 4. Send, with the origin timeout on the response head.
        var timeout = new CancellationTokenSource(zone.OriginTimeout, _time);
        using var abortRegistration = clientAborted.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), timeout);
        try
        {
            var response = await _invoker.SendAsync(request, timeout.Token);

            // 5. Status and framing.
            if (!ResponseFraming.HasFinalStatus(response) || ResponseFraming.HasInvalidContentLength(response))
            {
                response.Dispose();
                return new OriginResponse(OriginError.InvalidResponse, timeout);
            }

            return new OriginResponse(response, timeout);
        }
        catch (OperationCanceledException) when (clientAborted.IsCancellationRequested)
        {
            return new OriginResponse(OriginError.ClientAborted, timeout);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new OriginResponse(OriginError.Timeout, timeout);
        }
        catch (Exception exception) when (IsClientBodyFault(exception))
        {
            // Reading the client's body for the origin failed on the client's framing (Kestrel's
            // BadHttpRequestException, usually inside the HttpRequestException): not the origin's fault.
            return new OriginResponse(OriginError.ClientBodyInvalid, timeout);
        }
        catch (HttpRequestException exception)
        {
            var error = exception.HttpRequestError is HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded
                ? OriginError.InvalidResponse
                : OriginError.Unreachable;
            return new OriginResponse(error, timeout);
        }
    }

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
    /// target (CacheKeys.PathAndQuery) and a proxy must not rewrite the path and query it forwards (RFC 9110
    /// §7.7). Kestrel lets some control characters through (0x01-0x1F but CR and LF, and DEL); a target with
    /// any gets Uri's canonical form, which percent-encodes them, rather than raw controls in a request line.
    /// </summary>
    internal static Uri OriginUri(Uri origin, string pathAndQuery)
    {
        var basePath = origin.AbsolutePath.TrimEnd('/');
        var text = string.Concat(origin.GetLeftPart(UriPartial.Authority), basePath, pathAndQuery);
        return pathAndQuery.AsSpan().ContainsAnyExceptInRange('!', '~') ? new Uri(text) : new Uri(text, RawTarget);
    }

    public void Dispose() => _invoker.Dispose();
}
