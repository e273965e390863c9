// Runs purges for every surface (Cloudflare API, PURGE method, the seed endpoints): gives each a 32-hex id,
// applies it to the store, measures it, logs it at Information with the caller's name (never a secret) and
// keeps it in the audit ring. Purge is the one entry point every surface goes through; the purge has fully
// applied to the store when it returns, so a surface that answers after it keeps invariant 1.
using System.Diagnostics;
using Lacquer.Caching.Store;
using Microsoft.Extensions.Logging;

namespace Lacquer.Purge;

internal sealed partial class PurgeService(CacheStore store, TimeProvider time, ILogger logger, PurgeMetrics? metrics = null)
{
    public PurgeAudit Audit { get; } = new();

    /// <param name="who">The token's name or the surface's caller description; never a secret.</param>
    /// <param name="surface">Which API asked: cloudflare, purge-method, crafter, …</param>
    public PurgeRecord Purge(PurgeCommand command, string who, string surface)
    {
        var started = time.GetTimestamp();
        var at = time.GetUtcNow();
        var matched = store.Purge(ForStore(command));
        var duration = time.GetElapsedTime(started);
        metrics?.Purged(command, surface, matched, duration);
        var record = new PurgeRecord(
            NewId(),
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
}
