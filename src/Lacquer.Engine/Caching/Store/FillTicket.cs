namespace Lacquer.Caching.Store;

/// <summary>
/// Held by a fill from before its origin request until it stores or gives up. Records the store's purge
/// sequence at the start, so that the insert can be checked against every purge that happened meanwhile.
/// Open tickets form a list in the order they were taken, which is the order of their start sequences,
/// so the oldest open one is the list's first (CacheStore.Purge.cs, OpenTickets).
/// </summary>
internal sealed class FillTicket(long startSequence)
{
    public long StartSequence { get; } = startSequence;

    // Links of the store's list of open tickets, changed only under the store lock.
    internal FillTicket? Older { get; set; }

    internal FillTicket? Newer { get; set; }

    internal bool IsOpen { get; set; }
}
