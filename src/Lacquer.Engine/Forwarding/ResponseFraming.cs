// How an origin response's body is delimited (RFC 9112 §6.3), as far as Lacquer forwards it.
// SocketsHttpHandler reads the body by Transfer-Encoding or Content-Length, but hands the Content-Length
// field on exactly as the origin sent it, and Kestrel refuses (throws) to write a Content-Length that is not
// one non-negative integer. So:
//   - with Transfer-Encoding, the received Content-Length is not forwarded: Transfer-Encoding overrides it,
//     and an intermediary that forwards such a message MUST remove it (§6.3, 3);
//   - without Transfer-Encoding, a Content-Length that is not exactly one field line holding one decimal
//     number makes the framing invalid: a proxy MUST discard the response and answer 502 (§6.3, 5). A list of
//     identical values ("42, 42") may be rejected as invalid (RFC 9110 §8.6), and is.
using System.Globalization;
using Lacquer.Caching.Semantics;
using Microsoft.Net.Http.Headers;

namespace Lacquer.Forwarding;

internal static class ResponseFraming
{
    public static bool HasTransferEncoding(HttpResponseMessage response) =>
        response.Headers.NonValidated.Contains(HeaderNames.TransferEncoding);

    /// <summary>
    /// A final status HTTP defines (RFC 9110 §15: three digits, 200..599 once interim responses are past). The .NET
    /// client hands on whatever three digits arrived ("000", "999") and a 1xx it did not consume as interim.
    /// </summary>
    public static bool HasFinalStatus(HttpResponseMessage response) =>
        StatusSemantics.IsValid((int)response.StatusCode) && !StatusSemantics.IsInterim((int)response.StatusCode);

    /// <summary>True when the response's Content-Length makes its framing invalid (rule 5 above).</summary>
    public static bool HasInvalidContentLength(HttpResponseMessage response)
    {
        if (HasTransferEncoding(response) || !response.Content.Headers.NonValidated.TryGetValues(HeaderNames.ContentLength, out var values))
        {
            return false;
        }

        return values.Count != 1 || !long.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}
