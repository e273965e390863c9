// One scripted exchange of RawOrigin: the request it expects and the bytes it answers with.
using System.Globalization;
using System.Text;

namespace Lacquer.Harness;

internal sealed class RawOriginExchange(string method, string target)
{
    private int _remaining = 1;

    public string Method { get; } = method;

    public string Target { get; } = target;

    public Func<RawOriginConnection, Task> Handler { get; private set; } = _ => Task.CompletedTask;

    /// <summary>How many more requests this exchange answers (int.MaxValue for "any number").</summary>
    public int Remaining => Volatile.Read(ref _remaining);

    /// <summary>Sends <paramref name="raw"/> (ISO-8859-1, so "\u0001" is the byte 0x01) and keeps the connection open.</summary>
    public RawOriginExchange Reply(string raw) => Handle(connection => connection.SendAsync(raw));

    /// <summary>Sends <paramref name="raw"/>, then closes the connection: a response that stops where the text stops.</summary>
    public RawOriginExchange ReplyAndClose(string raw) => Handle(async connection =>
    {
        await connection.SendAsync(raw);
        connection.Close();
    });

    /// <summary>A well-formed response: status line, the header lines given, a Content-Length and the body.</summary>
    public RawOriginExchange ReplyWellFormed(int status, string body, params string[] headers) => Reply(WellFormed(status, body, headers));

    public RawOriginExchange Handle(Func<RawOriginConnection, Task> handler)
    {
        Handler = handler;
        return this;
    }

    public RawOriginExchange Times(int count)
    {
        _remaining = count;
        return this;
    }

    /// <summary>Answers any number of requests; never reported as unused (for retries whose count is not ours to fix).</summary>
    public RawOriginExchange Always() => Times(int.MaxValue);

    public static string WellFormed(int status, string body, params string[] headers)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} Scripted\r\n");
        foreach (var line in headers)
        {
            text.Append(line).Append("\r\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Content-Length: {Encoding.Latin1.GetByteCount(body)}\r\n\r\n").Append(body);
        return text.ToString();
    }

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
