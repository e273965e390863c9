// One scripted exchange of the test origin: what request it expects and how it answers.
using Microsoft.AspNetCore.Http;

namespace Lacquer.Harness;

internal sealed class OriginExchange(string method, string target)
{
    private int _remaining = 1;

    public string Method { get; } = method;

    public string Target { get; } = target;

    public Func<HttpContext, Task> Handler { get; private set; } = _ => Task.CompletedTask;

    /// <summary>How many more requests this exchange answers (int.MaxValue for "any number").</summary>
    public int Remaining => Volatile.Read(ref _remaining);

    public int Served { get; private set; }

    /// <summary>Answers with a status, header lines ("Name: value") and a body.</summary>
    public OriginExchange Reply(int status, string body = "", params string[] headers)
    {
        Handler = async context =>
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
        };
        return this;
    }

    public OriginExchange Handle(Func<HttpContext, Task> handler)
    {
        Handler = handler;
        return this;
    }

    public OriginExchange Times(int count)
    {
        _remaining = count;
        return this;
    }

    public OriginExchange Always() => Times(int.MaxValue);

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
                lock (this)
                {
                    Served++;
                }

                return true;
            }
        }
    }
}
