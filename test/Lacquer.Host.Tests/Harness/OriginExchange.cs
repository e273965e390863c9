// One scripted exchange of a test origin: the request it expects (method and raw target), how many times it
// answers, and the handler that answers. TConnection is what the handler writes to: an HttpContext for
// ScriptedOrigin (a real HTTP server) or a RawOriginConnection for RawOrigin (raw bytes on the socket).
// The ways each origin answers are the Reply methods of OriginReplies; OriginScript holds an origin's list.
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Harness;

internal sealed class OriginExchange<TConnection>(string method, string target)
{
    private int _remaining = 1;

    public string Method { get; } = method;

    public string Target { get; } = target;

    public Func<TConnection, Task> Handler { get; private set; } = _ => Task.CompletedTask;

    /// <summary>How many more requests this exchange answers (int.MaxValue for "any number").</summary>
    public int Remaining => Volatile.Read(ref _remaining);

    public OriginExchange<TConnection> Handle(Func<TConnection, Task> handler)
    {
        Handler = handler;
        return this;
    }

    public OriginExchange<TConnection> Times(int count)
    {
        _remaining = count;
        return this;
    }

    /// <summary>Answers any number of requests; never reported as unused (for retries whose count is not ours to fix).</summary>
    public OriginExchange<TConnection> Always() => Times(int.MaxValue);

    /// <summary>Claims one answer of this exchange; false when it has answered as many times as scripted.</summary>
    internal bool TryTake()
    {
        while (true)
        {
            var remaining = Volatile.Read(ref _remaining);
            if (remaining <= 0)
            {
                return false;
            }

            var next = remaining == int.MaxValue ? remaining : remaining - 1;
            if (Interlocked.CompareExchange(ref _remaining, next, remaining) == remaining)
            {
                return true;
            }
        }
    }
}

/// <summary>How a scripted exchange answers: through Kestrel (an HttpContext) or as raw bytes (a RawOriginConnection).</summary>
internal static class OriginReplies
{
    /// <summary>Answers with a status, header lines ("Name: value") and a body, through a real HTTP server.</summary>
    public static OriginExchange<HttpContext> Reply(this OriginExchange<HttpContext> exchange, int status, string body = "", params string[] headers) =>
        exchange.Handle(async context =>
        {
            context.Response.StatusCode = status;
            foreach (var line in headers)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                context.Response.Headers.Append(line[..colon].Trim(), line[(colon + 1)..].Trim());
            }

            if (body.Length > 0)
            {
                await context.Response.WriteAsync(body);
            }
        });

    /// <summary>Sends <paramref name="raw"/> (ISO-8859-1, so "\u0001" is the byte 0x01) and keeps the connection open.</summary>
    public static OriginExchange<RawOriginConnection> Reply(this OriginExchange<RawOriginConnection> exchange, string raw) =>
        exchange.Handle(connection => connection.SendAsync(raw));

    /// <summary>Sends <paramref name="raw"/>, then closes the connection: a response that stops where the text stops.</summary>
    public static OriginExchange<RawOriginConnection> ReplyAndClose(this OriginExchange<RawOriginConnection> exchange, string raw) =>
        exchange.Handle(async connection =>
        {
            await connection.SendAsync(raw);
            connection.Close();
        });

    /// <summary>A well-formed raw response: status line, the header lines given, a Content-Length and the body.</summary>
    public static OriginExchange<RawOriginConnection> ReplyWellFormed(this OriginExchange<RawOriginConnection> exchange, int status, string body, params string[] headers)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} Scripted\r\n");
        foreach (var line in headers)
        {
            text.Append(line).Append("\r\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Content-Length: {Encoding.Latin1.GetByteCount(body)}\r\n\r\n").Append(body);
        return exchange.Reply(text.ToString());
    }
}
