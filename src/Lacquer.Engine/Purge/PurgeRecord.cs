namespace Lacquer.Purge;

/// <summary>One served purge, as the audit ring keeps it and <c>GET /api/purges</c> shows it.</summary>
internal sealed record PurgeRecord(
    string Id,
    DateTimeOffset At,
    string Who,
    string Surface,
    IReadOnlyList<string> Zones,
    IReadOnlyList<string> Selectors,
    bool Soft,
    long Matched,
    TimeSpan Duration)
{
    /// <summary>Why selectors of this purge can match nothing at all (PurgeNotes); empty when there is no such reason.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Its sequence number, origin node and per-node apply latencies when a cluster shares the log; null alone.</summary>
    public Cluster.ClusterTrace? Cluster { get; init; }
}
