// The request's Connection field as the client sent it, which Kestrel does not keep. Kestrel reads the field
// for its own connection options and, when exactly one of keep-alive, close or upgrade is among the names,
// replaces the field with that token alone: "keep-alive, X-Secret" reaches the application as "keep-alive",
// and X-Secret, which the client marked as meant for this hop only (RFC 9110 §7.6.1), would be forwarded.
//
// How the lines are recovered: the proxy listener has Kestrel decode every Connection field line with
// LineRecordingEncoding (Kestrel's per-field decoding choice, RequestHeaderEncodingSelector), which decodes
// as Kestrel would (ASCII or UTF-8, no NUL) and hands the line to the recorder of the connection being parsed.
// The recorder is created per connection by a connection middleware and found through an AsyncLocal: Kestrel
// parses a connection's requests and runs them in that connection's asynchronous flow. HTTP/1.1 requests on
// one connection are strictly sequential, and the proxy takes the lines when a request starts (Take), so the
// lines taken are those of the request being served. A Connection value that Kestrel reuses from the previous
// request (same bytes) is not decoded again and not recorded; it is then in the request's fields unchanged,
// since a value Kestrel shortened never equals the bytes of one it would shorten. Lines that are one bare
// token (the common "keep-alive") are not recorded: Kestrel loses nothing there.
using System.Text;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Lacquer.Forwarding;

internal sealed class ConnectionFieldLines
{
    private static readonly AsyncLocal<ConnectionFieldLines?> Current = new();

    private StringValues _lines;

    /// <summary>Gives the calling connection's flow a recorder (a connection middleware calls it before the HTTP layer runs).</summary>
    public static void BeginConnection() => Current.Value = new ConnectionFieldLines();

    /// <summary>Kestrel's RequestHeaderEncodingSelector: the recording decoder for Connection, Kestrel's default (null) for the rest.</summary>
    public static Encoding? EncodingFor(string fieldName) =>
        string.Equals(fieldName, HeaderNames.Connection, StringComparison.OrdinalIgnoreCase) ? LineRecordingEncoding.Instance : null;

    /// <summary>The Connection lines recorded since the last call on this connection (empty when none, or off the proxy listener).</summary>
    public static StringValues Take()
    {
        var recorder = Current.Value;
        if (recorder is null || recorder._lines.Count == 0)
        {
            return StringValues.Empty;
        }

        var lines = recorder._lines;
        recorder._lines = StringValues.Empty;
        return lines;
    }

    internal static void Record(string line)
    {
        var token = line.AsSpan().Trim();
        if (token.Equals("keep-alive", StringComparison.OrdinalIgnoreCase) || token.Equals("close", StringComparison.OrdinalIgnoreCase)
            || token.Equals("upgrade", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (Current.Value is { } recorder)
        {
            recorder._lines = StringValues.Concat(recorder._lines, line);
        }
    }
}
