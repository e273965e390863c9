namespace Lacquer.Caching.Store;

/// <summary>
/// Held by a fill from before its origin request until it stores or gives up. Records the store's purge
/// sequence at the start, so that the insert can be checked against every purge that happened meanwhile.
/// </summary>
internal sealed class FillTicket(long startSequence)
{
    public long StartSequence { get; } = startSequence;
}
