// The purge log a node shares with the other nodes of its cluster (docs/cluster.md). Every purge a client asks
// any node for is applied on that node first (PurgeService), then handed to the log, which gives it the next
// sequence number and brings it to every other node, where it is applied through the same local purge path.
// The log also owns the node's ServeGate: the lease that says whether this node may serve from its cache.
//
// Two implementations: EmbeddedPurgeLog (one node, no server: every purge is confirmed once it applied here,
// the gate never closes — today's behaviour at no cost) and RedisPurgeLog (a Redis stream shared by the nodes).
using System.Text.Json;
using Lacquer.Configuration;
using Lacquer.Purge;

namespace Lacquer.Purge.Cluster;

internal interface IPurgeLog : IAsyncDisposable
{
    /// <summary>Whether this node may serve from its cache; read once per request on the hit path.</summary>
    ServeGate Gate { get; }

    /// <summary>True when other nodes share the log (a purge gets a sequence number and acknowledgements).</summary>
    bool IsShared { get; }

    /// <summary>This node's id among the members.</summary>
    string NodeId { get; }

    /// <summary>
    /// Shares a purge that this node has already applied (<paramref name="record"/>), and waits as
    /// <paramref name="wait"/> says (null: the cluster's default). Never throws for an unreachable log: the outcome says so.
    /// </summary>
    ValueTask<ClusterOutcome> ShareAsync(PurgeCommand command, PurgeRecord record, PurgeWait? wait, CancellationToken cancellationToken);

    /// <summary>Writes this node's view of the cluster as members of the current JSON object (/api/cluster, /api/stats).</summary>
    void WriteState(Utf8JsonWriter writer);
}
