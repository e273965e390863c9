// The store's open fill tickets, oldest first: the oldest decides which purge fences can be dropped
// (CacheStore.Purge.cs), so it must be right after every order of ending.
namespace Lacquer.Caching.Store;

public sealed class OpenTicketsTests
{
    [Fact]
    public void None_Open_Means_No_Oldest()
    {
        var open = new OpenTickets();
        Assert.Equal(0, open.Count);
        Assert.Equal(long.MaxValue, open.OldestStart);
    }

    [Theory]
    [InlineData(new[] { 0, 1, 2, 3 })]
    [InlineData(new[] { 3, 2, 1, 0 })]
    [InlineData(new[] { 1, 3, 0, 2 })]
    [InlineData(new[] { 2, 0, 3, 1 })]
    public void The_Oldest_Is_The_Oldest_Still_Open_Whatever_Order_They_End_In(int[] endingOrder)
    {
        var open = new OpenTickets();
        FillTicket[] tickets = [new(1), new(1), new(4), new(9)];
        foreach (var ticket in tickets)
        {
            open.Add(ticket);
        }

        var ended = new HashSet<int>();
        foreach (var index in endingOrder)
        {
            Assert.True(open.Remove(tickets[index]));
            ended.Add(index);
            var stillOpen = Enumerable.Range(0, tickets.Length).Where(i => !ended.Contains(i)).ToList();
            Assert.Equal(stillOpen.Count, open.Count);
            Assert.Equal(stillOpen.Count == 0 ? long.MaxValue : stillOpen.Min(i => tickets[i].StartSequence), open.OldestStart);
        }
    }

    [Fact]
    public void Ending_A_Ticket_Twice_Changes_Nothing_The_Second_Time()
    {
        var open = new OpenTickets();
        var first = new FillTicket(1);
        var second = new FillTicket(2);
        open.Add(first);
        open.Add(second);

        Assert.True(open.Remove(first));
        Assert.False(open.Remove(first));
        Assert.Equal(1, open.Count);
        Assert.Equal(2, open.OldestStart);

        var third = new FillTicket(3);
        open.Add(third);
        Assert.True(open.Remove(second));
        Assert.Equal(3, open.OldestStart);
    }

    [Fact]
    public void A_Ticket_Added_Twice_Or_Out_Of_Sequence_Order_Is_Refused()
    {
        var open = new OpenTickets();
        var ticket = new FillTicket(5);
        open.Add(ticket);

        Assert.Throws<InvalidOperationException>(() => open.Add(ticket));
        Assert.Throws<InvalidOperationException>(() => open.Add(new FillTicket(4)));
        Assert.Equal(1, open.Count);
    }
}
