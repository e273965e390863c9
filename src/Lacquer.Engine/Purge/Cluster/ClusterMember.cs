using Lacquer.Configuration;
namespace Lacquer.Purge.Cluster;

/// <summary>One node as the shared log last listed it.</summary>
/// <param name="LeaseEndMs">The end of its lease, in the log server's clock (ms since 1970).</param>
/// <param name="GoneAtMs">
/// When the set drops it if it stays silent (its lease end plus its own cluster:dropAfter, same clock): by then the
/// node serves nothing from its cache, whatever its policy, until it has caught up again (docs/cluster.md).
/// </param>
internal sealed record ClusterMember(string NodeId, long Applied, long LeaseEndMs, PartitionPolicy Policy, long GoneAtMs)
{
    /// <summary>Reads the members and applied hashes (flat name/value arrays) into members, sorted by id.</summary>
    public static IReadOnlyList<ClusterMember> Parse(IReadOnlyList<string> members, IReadOnlyList<string> applied)
    {
        var appliedBy = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < applied.Count; i += 2)
        {
            appliedBy[applied[i]] = long.TryParse(applied[i + 1], out var sequence) ? sequence : 0;
        }

        var list = new List<ClusterMember>();
        for (var i = 0; i + 1 < members.Count; i += 2)
        {
            // "<lease end> <policy> <gone at>"; a value without the last field never drops.
            var fields = members[i + 1].Split(' ');
            var end = long.TryParse(fields[0], out var ms) ? ms : 0;
            var policy = fields.Length > 1 && fields[1] == "serve" ? PartitionPolicy.Serve : PartitionPolicy.Bypass;
            var goneAt = fields.Length > 2 && long.TryParse(fields[2], out var gone) ? gone : long.MaxValue;
            list.Add(new ClusterMember(members[i], appliedBy.GetValueOrDefault(members[i]), end, policy, goneAt));
        }

        list.Sort((a, b) => string.CompareOrdinal(a.NodeId, b.NodeId));
        return list;
    }

    /// <summary>
    /// Whether a purge with sequence number <paramref name="sequence"/> may count this member as done at server time
    /// <paramref name="nowMs"/>: it applied the purge, or its lease ran out and it fails closed, or it has been
    /// silent past its drop time (either way it serves nothing from its cache now).
    /// </summary>
    public bool Settled(long sequence, long nowMs) =>
        Applied >= sequence || (Policy == PartitionPolicy.Bypass && LeaseEndMs <= nowMs) || GoneAtMs <= nowMs;
}
