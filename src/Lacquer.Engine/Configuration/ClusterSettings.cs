
namespace Lacquer.Configuration;

/// <summary>
/// <c>cluster</c>: the shared purge log that makes a purge taken by any node apply on every node (docs/cluster.md).
/// Absent means one node with the embedded log.
/// </summary>
/// <param name="Redis">The StackExchange.Redis connection string (host:port and options).</param>
/// <param name="Name">The cluster's name; every Redis key and channel the cluster uses starts with <c>lq:{name}:</c>.</param>
/// <param name="NodeId">This node's name among the members; unique within the cluster.</param>
/// <param name="Lease">How long a node may serve from cache after its last confirmed contact with the log.</param>
/// <param name="OnPartition">What the node does with its cache once its lease has run out.</param>
/// <param name="PurgeWait">What a purge call waits for unless the request says otherwise.</param>
/// <param name="WaitTimeout">How long a purge waits for the cluster before it answers an error.</param>
internal sealed record ClusterSettings(
    string Redis,
    string Name,
    string NodeId,
    TimeSpan Lease,
    PartitionPolicy OnPartition,
    PurgeWait PurgeWait,
    TimeSpan WaitTimeout)
{
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan DefaultDropAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long after its lease ended a silent member is dropped from the member set (reported as gone): purges stop
    /// waiting for it, and a node of the serve policy stops serving from its cache once this much more time passed
    /// without contact, since nobody waits for it any more (docs/cluster.md, "Members that disappear").
    /// </summary>
    public TimeSpan DropAfter { get; init; } = DefaultDropAfter;

    /// <summary>A file this node appends each purge's steps through the cluster to, with monotonic timestamps; null: off.</summary>
    public string? Timeline { get; init; }

    /// <summary>Entries the shared log keeps (approximately, trimmed by Redis); a node further behind flushes its cache.</summary>
    public int LogLength { get; init; } = 100_000;
}
