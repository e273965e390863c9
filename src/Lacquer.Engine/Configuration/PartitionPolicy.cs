namespace Lacquer.Configuration;

/// <summary>What a node does with its cache once it has lost the cluster log for longer than its lease.</summary>
internal enum PartitionPolicy
{
    /// <summary>Stop serving from cache and forward every request to the origin until the node has caught up (fails closed).</summary>
    Bypass,

    /// <summary>
    /// Keep serving from cache, and purges that wait for the whole cluster fail naming the node (fails open), until the
    /// member set drops it (cluster:dropAfter after its lease); from then on, as Bypass until it has caught up.
    /// </summary>
    Serve,
}
