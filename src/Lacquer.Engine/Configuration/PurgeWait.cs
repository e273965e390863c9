namespace Lacquer.Configuration;

/// <summary>
/// How long a purge call waits before it answers (docs/cluster.md, "Acknowledged purge"). The node that takes a
/// purge always applies it to its own cache first; the modes differ in what else they wait for.
/// </summary>
internal enum PurgeWait
{
    /// <summary>Every live node has applied it, or has stopped serving from cache because its lease ran out.</summary>
    All,

    /// <summary>This node has applied it and the cluster log holds it.</summary>
    Local,

    /// <summary>The cluster log holds it; nothing else is awaited.</summary>
    None,
}
