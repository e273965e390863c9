// Request coalescing: concurrent misses for one primary key make one origin request.
// The first miss becomes the leader and fetches; the others wait on its Fill. A leader that learns its
// response is not storable completes the fill with NotStorable as soon as the headers arrive, so the waiters
// go to the origin in parallel instead of queueing behind it (Varnish's hit-for-miss lesson).
using System.Collections.Concurrent;

namespace Lacquer.Caching.Coalescing;

internal sealed class FillCoalescer
{
    private readonly ConcurrentDictionary<string, Fill> _inFlight = new(StringComparer.Ordinal);

    public int InFlight => _inFlight.Count;

    /// <summary>How many requests joined the fill in flight for <paramref name="key"/> after its leader (0 when none is in flight).</summary>
    public int WaitersFor(string key) => _inFlight.TryGetValue(key, out var fill) ? fill.Waiters : 0;

    /// <summary>Joins the fill in flight for <paramref name="key"/>, or starts one and makes the caller its leader.</summary>
    public Fill Join(string key, out bool isLeader)
    {
        while (true)
        {
            if (_inFlight.TryGetValue(key, out var existing))
            {
                existing.AddWaiter();
                isLeader = false;
                return existing;
            }

            var fill = new Fill(this, key);
            if (_inFlight.TryAdd(key, fill))
            {
                isLeader = true;
                return fill;
            }
        }
    }

    internal void Forget(Fill fill) => _inFlight.TryRemove(new KeyValuePair<string, Fill>(fill.Key, fill));
}
