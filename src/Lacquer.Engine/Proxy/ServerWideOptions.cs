// OPTIONS with the asterisk-form target (RFC 9110 §9.3.7, RFC 9112 §3.2.4) asks about the server in general,
// not a resource. To the client Lacquer is that server, so it answers itself: 200, no body, an Allow field of
// the methods it serves or passes on. It is never forwarded: the origin client has no asterisk-form, and
// forwarding it as any other target (the origin's base path, say) would ask the origin something else.
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Lacquer.Proxy;

internal static class ServerWideOptions
{
    public const string Allow = "GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE";

    public static bool Is(HttpContext context) =>
        HttpMethods.IsOptions(context.Request.Method) && context.Features.Get<IHttpRequestFeature>()?.RawTarget == "*";

    public static Task AnswerAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers[HeaderNames.Allow] = Allow;
        response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
