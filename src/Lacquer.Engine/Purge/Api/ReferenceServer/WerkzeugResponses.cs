// What Flask (Werkzeug) answers on a route for a method it does not serve: 405 with its HTML page and an
// Allow header; OPTIONS is answered by Flask itself, 200 with an empty body and the same Allow.
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Purge.Api.ReferenceServer;

internal static class WerkzeugResponses
{
    public const string HtmlContentType = "text/html; charset=utf-8";

    public static readonly byte[] MethodNotAllowedPage = Encoding.UTF8.GetBytes(
        "<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n"
        + "<p>The method is not allowed for the requested URL.</p>\n");

    /// <summary>OPTIONS: 200 and the Allow list; any other method: 405 with Werkzeug's page.</summary>
    public static Task RefuseAsync(HttpContext context, string allow)
    {
        context.Response.Headers.Allow = allow;
        return HttpMethods.IsOptions(context.Request.Method)
            ? ApiResponses.WriteAsync(context, StatusCodes.Status200OK, HtmlContentType, ReadOnlyMemory<byte>.Empty)
            : ApiResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, HtmlContentType, MethodNotAllowedPage);
    }
}
