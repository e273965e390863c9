// Coalescing: one leader per key, joiners share its fill, and a completed fill is forgotten so
// that the next miss leads again.
namespace Lacquer.Caching.Coalescing;

public sealed class FillCoalescerTests
{
    [Fact]
    public void First_Join_Leads_And_Later_Joins_Wait_On_The_Same_Fill()
    {
        var coalescer = new FillCoalescer();

        var leader = coalescer.Join("k", out var first);
        var joiner = coalescer.Join("k", out var second);
        var third = coalescer.Join("k", out var thirdLeads);

        Assert.True(first);
        Assert.False(second);
        Assert.False(thirdLeads);
        Assert.Same(leader, joiner);
        Assert.Same(leader, third);
        Assert.Equal(1, coalescer.InFlight);
        Assert.False(leader.Outcome.IsCompleted);
    }

    [Fact]
    public void Joiners_Are_Counted_As_Waiters_Of_The_Fill_In_Flight()
    {
        var coalescer = new FillCoalescer();
        Assert.Equal(0, coalescer.WaitersFor("k"));

        var fill = coalescer.Join("k", out _);
        Assert.Equal(0, coalescer.WaitersFor("k"));
        coalescer.Join("k", out _);
        coalescer.Join("k", out _);
        coalescer.Join("other", out _);

        Assert.Equal(2, fill.Waiters);
        Assert.Equal(2, coalescer.WaitersFor("k"));
        Assert.Equal(0, coalescer.WaitersFor("other"));
        fill.Complete(FillOutcome.Stored);
        Assert.Equal(0, coalescer.WaitersFor("k"));
    }

    [Fact]
    public void Different_Keys_Have_Their_Own_Leaders()
    {
        var coalescer = new FillCoalescer();

        var a = coalescer.Join("a", out var aLeads);
        var b = coalescer.Join("b", out var bLeads);

        Assert.True(aLeads);
        Assert.True(bLeads);
        Assert.NotSame(a, b);
        Assert.Equal(2, coalescer.InFlight);
    }

    [Fact]
    public void Keys_Compare_Ordinally()
    {
        var coalescer = new FillCoalescer();

        coalescer.Join("http://h/a", out _);
        coalescer.Join("http://h/A", out var upperLeads);

        Assert.True(upperLeads);
    }

    [Theory]
    [InlineData(nameof(FillOutcome.Stored))]
    [InlineData(nameof(FillOutcome.NotStorable))]
    [InlineData(nameof(FillOutcome.Failed))]
    public async Task Complete_Releases_The_Waiters_With_The_Outcome(string outcomeName)
    {
        var outcome = Enum.Parse<FillOutcome>(outcomeName);
        var coalescer = new FillCoalescer();
        var fill = coalescer.Join("k", out _);
        var joined = coalescer.Join("k", out _);

        fill.Complete(outcome);

        Assert.Equal(outcome, await joined.Outcome.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Complete_Removes_The_Fill_So_A_Later_Join_Leads_Again()
    {
        var coalescer = new FillCoalescer();
        var first = coalescer.Join("k", out _);
        var other = coalescer.Join("other", out _);

        first.Complete(FillOutcome.Stored);

        Assert.Equal(1, coalescer.InFlight);
        var next = coalescer.Join("k", out var leads);
        Assert.True(leads);
        Assert.NotSame(first, next);
        Assert.False(next.Outcome.IsCompleted);
        Assert.Equal(FillOutcome.Stored, await first.Outcome.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(other.Outcome.IsCompleted);
    }

    [Fact]
    public async Task Only_The_First_Complete_Counts()
    {
        var coalescer = new FillCoalescer();
        var fill = coalescer.Join("k", out _);

        fill.Complete(FillOutcome.Stored);
        var next = coalescer.Join("k", out _);
        fill.Complete(FillOutcome.Failed); // the pipeline's finally: must not touch the newer fill

        Assert.Equal(FillOutcome.Stored, await fill.Outcome.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, coalescer.InFlight);
        Assert.Same(next, coalescer.Join("k", out var leads));
        Assert.False(leads);
    }

    [Fact]
    public async Task Concurrent_Joins_For_One_Key_Make_Exactly_One_Leader()
    {
        const int joiners = 64;
        var coalescer = new FillCoalescer();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var joins = Enumerable.Range(0, joiners).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            var fill = coalescer.Join("k", out var leads);
            return (fill, leads);
        })).ToArray();

        start.SetResult();
        var results = await Task.WhenAll(joins).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Single(results, result => result.leads);
        Assert.All(results, result => Assert.Same(results[0].fill, result.fill));
        Assert.Equal(1, coalescer.InFlight);
    }
}
