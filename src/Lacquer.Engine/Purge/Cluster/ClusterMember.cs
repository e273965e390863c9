using Lacquer.Configuration;
namespace Lacquer.Purge.Cluster;

/// <summary>One node as the shared log last listed it.</summary>
/// <param name="LeaseEndMs">The end of its lease, in the log server's clock (ms since 1970).</param>
internal sealed record ClusterMember(string NodeId, long Applied, long LeaseEndMs, PartitionPolicy Policy)
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
            var value = members[i + 1];
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            var end = long.TryParse(space < 0 ? value : value[..space], out var ms) ? ms : 0;
            var policy = space >= 0 && value[(space + 1)..] == "serve" ? PartitionPolicy.Serve : PartitionPolicy.Bypass;
            list.Add(new ClusterMember(members[i], appliedBy.GetValueOrDefault(members[i]), end, policy));
        }

        list.Sort((a, b) => string.CompareOrdinal(a.NodeId, b.NodeId));
        return list;
    }

    /// <summary>
    /// Whether a purge with sequence number <paramref name="sequence"/> may count this member as done at server time
    /// <paramref name="nowMs"/>: it applied the purge, or its lease ran out and it fails closed (it serves nothing from cache).
    /// </summary>
    public bool Settled(long sequence, long nowMs) =>
        Applied >= sequence || (Policy == PartitionPolicy.Bypass && LeaseEndMs <= nowMs);
}
