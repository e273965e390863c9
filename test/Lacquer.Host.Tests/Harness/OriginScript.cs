// A test origin's script: the exchanges a test expects, in the order it gave them. A request takes the first
// exchange with its method and raw target that still has answers left; AssertAllUsed fails the test on any
// exchange that was scripted for a fixed number of answers and not used up. Shared by ScriptedOrigin and RawOrigin.
namespace Lacquer.Harness;

internal sealed class OriginScript<TConnection>
{
    private readonly List<OriginExchange<TConnection>> _exchanges = [];

    public OriginExchange<TConnection> On(string method, string target)
    {
        var exchange = new OriginExchange<TConnection>(method, target);
        lock (_exchanges)
        {
            _exchanges.Add(exchange);
        }

        return exchange;
    }

    /// <summary>The exchange that answers this request, or null when nobody scripted it (or its answers are used up).</summary>
    public OriginExchange<TConnection>? Take(string method, string target)
    {
        lock (_exchanges)
        {
            foreach (var exchange in _exchanges)
            {
                if (exchange.Method == method && exchange.Target == target && exchange.TryTake())
                {
                    return exchange;
                }
            }
        }

        return null;
    }

    /// <param name="origin">How the failure message names the origin ("origin", "raw origin").</param>
    public void AssertAllUsed(string origin)
    {
        lock (_exchanges)
        {
            var unused = _exchanges.Where(exchange => exchange.Remaining > 0 && exchange.Remaining != int.MaxValue).ToList();
            Assert.True(unused.Count == 0, $"Scripted {origin} exchanges were never used: " + string.Join("; ", unused.Select(e => $"{e.Method} {e.Target} ({e.Remaining} left)")));
        }
    }
}
