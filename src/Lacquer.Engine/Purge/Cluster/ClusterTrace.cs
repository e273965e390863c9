// A purge's life in the cluster, for the audit log: its sequence number in the shared log, the node that took it,
// and each node's apply latency (from the append to that node's acknowledgement, both measured by the log
// server's clock, so no two node clocks are compared). Filled in as acknowledgements arrive.
using System.Collections.Concurrent;

namespace Lacquer.Purge.Cluster;

internal sealed class ClusterTrace(string origin)
{
    private readonly ConcurrentDictionary<string, double> _applied = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>The node that took the purge from a client.</summary>
    public string Origin { get; } = origin;

    /// <summary>The purge's number in the shared log; 0 while it is not (yet) in the log.</summary>
    public long Sequence
    {
        get => Volatile.Read(ref _sequence);
        set => Volatile.Write(ref _sequence, value);
    }

    /// <summary>Node id → milliseconds from the append to that node's acknowledgement, in node order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Applied =>
        [.. _applied.OrderBy(pair => pair.Key, StringComparer.Ordinal)];

    public void Acknowledged(string node, double milliseconds) => _applied.TryAdd(node, milliseconds);

    /// <summary>Takes the acknowledgements an earlier placeholder for the same sequence number received.</summary>
    public void Merge(ClusterTrace early)
    {
        foreach (var (node, milliseconds) in early._applied)
        {
            _applied.TryAdd(node, milliseconds);
        }
    }
}
