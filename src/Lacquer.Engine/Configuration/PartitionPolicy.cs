namespace Lacquer.Configuration;

/// <summary>What a node does with its cache once it has lost the cluster log for longer than its lease.</summary>
internal enum PartitionPolicy
{
    /// <summary>Stop serving from cache and forward every request to the origin until the node has caught up (fails closed).</summary>
    Bypass,

    /// <summary>Keep serving from cache; purges that wait for the whole cluster fail while the node is unconfirmed (fails open).</summary>
    Serve,
}
