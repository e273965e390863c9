// Whether this node may serve from its cache right now: the one thing the hit path asks the cluster, as one
// volatile read. Alone (the embedded log) the gate never closes: the deadline is long.MaxValue and the
// comparison stops there. In a cluster the deadline is the end of this node's lease as the node itself counts
// it (docs/cluster.md, "Leases"): a timestamp of the node's TimeProvider, renewed by the lease loop after each
// confirmed contact with the log, and set to 0 when the node must catch up before it serves again. Comparing
// with the clock on each request, rather than waiting for a timer to close the gate, keeps the promise even
// when a starved thread pool runs timers late.
namespace Lacquer.Purge.Cluster;

internal sealed class ServeGate(TimeProvider time)
{
    private long _until = long.MaxValue;

    /// <summary>A gate that never closes: the single-node default.</summary>
    public static ServeGate AlwaysOpen { get; } = new(TimeProvider.System);

    public bool IsOpen
    {
        get
        {
            var until = Volatile.Read(ref _until);
            return until == long.MaxValue || time.GetTimestamp() < until;
        }
    }

    /// <summary>The deadline as a timestamp of the gate's TimeProvider; 0 when closed.</summary>
    public long Until => Volatile.Read(ref _until);

    /// <summary>Opens the gate until <paramref name="timestamp"/> (a timestamp of the gate's TimeProvider).</summary>
    public void OpenUntil(long timestamp) => Volatile.Write(ref _until, timestamp);

    public void Close() => Volatile.Write(ref _until, 0);
}
