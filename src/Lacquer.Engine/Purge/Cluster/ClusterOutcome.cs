namespace Lacquer.Purge.Cluster;

/// <summary>What the cluster made of one purge that this node already applied: confirmed, or why not.</summary>
/// <param name="Confirmed">True when the purge met its wait mode; a surface answers success only then.</param>
/// <param name="Status">The HTTP status a surface answers when not confirmed: 503 (the log is unreachable) or 504 (nodes did not confirm in time).</param>
/// <param name="Message">Why not, naming the unconfirmed nodes; never a secret.</param>
/// <param name="Unconfirmed">The nodes that neither applied the purge nor let their lease run out, sorted.</param>
internal sealed record ClusterOutcome(bool Confirmed, int Status, string Message, IReadOnlyList<string> Unconfirmed)
{
    public static ClusterOutcome Success { get; } = new(true, 200, string.Empty, []);

    public static ClusterOutcome Unreachable(string reason) => new(
        false, 503, $"The purge was applied on this node, but the cluster purge log is unreachable ({reason}); other nodes may still serve the purged content.", []);

    public static ClusterOutcome NotConfirmed(IReadOnlyList<string> nodes, TimeSpan waited) => new(
        false,
        504,
        $"The purge is in the cluster log, but node{(nodes.Count == 1 ? string.Empty : "s")} {string.Join(", ", nodes)} did not confirm it within {waited.TotalSeconds:0.###}s; they may still serve the purged content.",
        nodes);
}
