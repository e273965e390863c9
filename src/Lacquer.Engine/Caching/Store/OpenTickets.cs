namespace Lacquer.Caching.Store;

/// <summary>
/// The fill tickets not yet ended, oldest first. Tickets are appended as they are taken, in the order of their
/// start sequences, so the oldest open ticket, the one that decides which purge fences can be dropped, is the
/// first: taking and ending a ticket, and finding the oldest, are O(1) however many fills are in flight.
/// Not thread-safe: used under the store lock.
/// </summary>
internal sealed class OpenTickets
{
    private FillTicket? _oldest;
    private FillTicket? _newest;

    public int Count { get; private set; }

    /// <summary>The start sequence of the oldest open ticket; long.MaxValue when none is open.</summary>
    public long OldestStart => _oldest?.StartSequence ?? long.MaxValue;

    public void Add(FillTicket ticket)
    {
        if (ticket.IsOpen || (_newest is not null && ticket.StartSequence < _newest.StartSequence))
        {
            throw new InvalidOperationException("A fill ticket is added once, in the order of its start sequence.");
        }

        ticket.IsOpen = true;
        ticket.Older = _newest;
        if (_newest is null)
        {
            _oldest = ticket;
        }
        else
        {
            _newest.Newer = ticket;
        }

        _newest = ticket;
        Count++;
    }

    /// <summary>Ends <paramref name="ticket"/>; false when it was not open (ended already).</summary>
    public bool Remove(FillTicket ticket)
    {
        if (!ticket.IsOpen)
        {
            return false;
        }

        if (ticket.Older is null)
        {
            _oldest = ticket.Newer;
        }
        else
        {
            ticket.Older.Newer = ticket.Newer;
        }

        if (ticket.Newer is null)
        {
            _newest = ticket.Older;
        }
        else
        {
            ticket.Newer.Older = ticket.Older;
        }

        ticket.Older = ticket.Newer = null;
        ticket.IsOpen = false;
        Count--;
        return true;
    }
}
