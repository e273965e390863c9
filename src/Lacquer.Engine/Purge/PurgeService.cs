// Runs purges for every surface (Cloudflare API, PURGE method, the seed endpoints): gives each a 32-hex id,
// applies it to the store, measures it, logs it at Information with the caller's name (never a secret) and
// keeps it in the audit ring. Purge applies a purge on this node only (configuration reload uses it); the
// purge has fully applied to the store when it returns, so a surface that answers after it keeps invariant 1.
//
// The cluster (docs/cluster.md): PurgeAsync is what the surfaces call. It applies the purge here first, exactly
// as Purge does, then hands it to the purge log (IPurgeLog), which shares it with the other nodes and waits as
// the request asked; the surface answers success only when the outcome is confirmed. Purges that other nodes
// took arrive through ApplyReplicated, which applies them through the same store purge and audit.
using System.Diagnostics;
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Lacquer.Purge.Cluster;
using Microsoft.Extensions.Logging;

namespace Lacquer.Purge;

internal sealed partial class PurgeService(CacheStore store, TimeProvider time, ILogger logger, PurgeMetrics? metrics = null)
{
    public PurgeAudit Audit { get; } = new();

    /// <summary>The purge log shared with the other nodes; the embedded one (no sharing) until a cluster attaches.</summary>
    public IPurgeLog Log { get; private set; } = EmbeddedPurgeLog.Instance;

    /// <summary>Connects this service to the cluster's log (once, at start-up, before any surface runs).</summary>
    public void Attach(IPurgeLog log) => Log = log;

    /// <summary>
    /// Applies the purge on this node, then shares it with the cluster and waits as <paramref name="wait"/> says
    /// (null: the cluster's default). The local purge happens whatever the cluster answers.
    /// </summary>
    /// <param name="who">The token's name or the surface's caller description; never a secret.</param>
    /// <param name="surface">Which API asked: cloudflare, purge-method, crafter, …</param>
    public async Task<(PurgeRecord Record, ClusterOutcome Cluster)> PurgeAsync(
        PurgeCommand command, string who, string surface, PurgeWait? wait, CancellationToken cancellationToken)
    {
        var log = Log;
        var record = Apply(command, NewId(), who, surface, log.IsShared ? new ClusterTrace(log.NodeId) : null);
        var outcome = await log.ShareAsync(command, record, wait, cancellationToken);
        if (!outcome.Confirmed)
        {
            NotConfirmed(logger, record.Id, outcome.Message);
        }

        return (record, outcome);
    }

    /// <summary>Applies a purge on this node only (a configuration reload's purge of removed zones is this node's business).</summary>
    /// <param name="who">The token's name or the surface's caller description; never a secret.</param>
    /// <param name="surface">Which API asked: cloudflare, purge-method, crafter, …</param>
    public PurgeRecord Purge(PurgeCommand command, string who, string surface) => Apply(command, NewId(), who, surface, trace: null);

    /// <summary>Applies a purge that another node took (or this node took and then lost track of), keeping its id.</summary>
    public PurgeRecord ApplyReplicated(PurgeCommand command, string id, string who, string surface, ClusterTrace trace) =>
        Apply(command, id, who, surface, trace);

    private PurgeRecord Apply(PurgeCommand command, string id, string who, string surface, ClusterTrace? trace)
    {
        var started = time.GetTimestamp();
        var at = time.GetUtcNow();
        var matched = store.Purge(ForStore(command));
        var duration = time.GetElapsedTime(started);
        metrics?.Purged(command, surface, matched, duration);
        var record = new PurgeRecord(
            id,
            at,
            who,
            surface,
            [.. command.Zones.Select(zone => zone.Name)],
            [.. command.Selectors.Select(Describe)],
            command.Soft,
            matched,
            duration)
        {
            Notes = PurgeNotes.For(command),
            Cluster = trace,
        };
        Audit.Add(record);
        if (logger.IsEnabled(LogLevel.Information))
        {
            var selectors = string.Join(", ", record.Selectors);
            var zones = string.Join(", ", record.Zones);
            Purged(logger, record.Id, surface, who, command.Soft ? "soft" : "hard", selectors, zones, matched, duration.TotalMilliseconds);
        }

        foreach (var note in record.Notes)
        {
            MatchesNothing(logger, record.Id, note);
        }

        return record;
    }

    /// <summary>The command as the store applies it: over the state the store keeps for each of its zones.</summary>
    private StorePurge ForStore(PurgeCommand command)
    {
        var zones = new ZoneCache[command.Zones.Count];
        for (var i = 0; i < zones.Length; i++)
        {
            zones[i] = store.ZoneCache(command.Zones[i].Id);
        }

        return new StorePurge(zones, command.Selectors, command.Soft);
    }

    public static string NewId() => Guid.NewGuid().ToString("N");

    public static string Describe(PurgeSelector selector) => selector.Kind switch
    {
        PurgeSelectorKind.Everything => "everything",
        PurgeSelectorKind.Url => "url:" + selector.Value,
        PurgeSelectorKind.Tag => "tag:" + selector.Value,
        PurgeSelectorKind.Host => "host:" + selector.Value,
        PurgeSelectorKind.Prefix => "prefix:" + selector.Value,
        _ => throw new UnreachableException(),
    };

    [LoggerMessage(EventId = Diagnostics.EventIds.Purged, Level = LogLevel.Information,
        Message = "Purge {Id} via {Surface} by {Who}: {Mode} {Selectors} in [{Zones}] matched {Matched} in {Milliseconds:F3} ms")]
    private static partial void Purged(ILogger logger, string id, string surface, string who, string mode, string selectors, string zones, long matched, double milliseconds);

    [LoggerMessage(EventId = Diagnostics.EventIds.PurgeMatchesNothing, Level = LogLevel.Warning, Message = "Purge {Id}: {Note}")]
    private static partial void MatchesNothing(ILogger logger, string id, string note);

    [LoggerMessage(EventId = Diagnostics.EventIds.PurgeNotConfirmed, Level = LogLevel.Warning, Message = "Purge {Id} applied here but not confirmed by the cluster: {Reason}")]
    private static partial void NotConfirmed(ILogger logger, string id, string reason);
}
