// The entry's packed state word (EntryState, CacheEntry): every part reads back what was written, whatever the
// other parts hold, at every boundary; out-of-range values are refused rather than spilling into a neighbour.
namespace Lacquer.Caching.Store;

public sealed class EntryStateTests
{
    /// <summary>The bounds of the three-digit range and the statuses a cache stores most.</summary>
    private static readonly int[] Statuses = [100, 101, 199, 200, 203, 204, 206, 300, 301, 304, 308, 404, 410, 500, 511, 599, 600, 998, 999];

    private static readonly int[] Flags = [EntryState.SoftPurgedBit, EntryState.PurgedBit, EntryState.RemovedBit];

    [Fact]
    public void Every_Status_Queue_Count_And_Flag_Combination_Round_Trips()
    {
        var combinations = 0;
        foreach (var status in Statuses)
        {
            for (byte queue = 0; queue <= EntryState.MaxQueueId; queue++)
            {
                for (var count = 0; count <= EntryState.MaxAccessCount; count++)
                {
                    for (var flags = 0; flags < 1 << Flags.Length; flags++)
                    {
                        var state = EntryState.WithAccessCount(EntryState.WithQueueId(EntryState.OfStatus(status), queue), count);
                        for (var f = 0; f < Flags.Length; f++)
                        {
                            state = EntryState.With(state, Flags[f], (flags & (1 << f)) != 0);
                        }

                        Assert.Equal(status, EntryState.Status(state));
                        Assert.Equal(queue, EntryState.QueueId(state));
                        Assert.Equal(count, EntryState.AccessCount(state));
                        for (var f = 0; f < Flags.Length; f++)
                        {
                            Assert.Equal((flags & (1 << f)) != 0, EntryState.Has(state, Flags[f]));
                        }

                        combinations++;
                    }
                }
            }
        }

        Assert.Equal(Statuses.Length * 16 * 4 * 8, combinations);
    }

    [Fact]
    public void Clearing_A_Part_Leaves_The_Others()
    {
        var full = EntryState.WithAccessCount(EntryState.WithQueueId(EntryState.OfStatus(999), EntryState.MaxQueueId), EntryState.MaxAccessCount)
            | EntryState.SoftPurgedBit | EntryState.PurgedBit | EntryState.RemovedBit;

        Assert.Equal(full & ~EntryState.QueueMask, EntryState.WithQueueId(full, 0));
        Assert.Equal(full & ~EntryState.AccessMask, EntryState.WithAccessCount(full, 0));
        Assert.Equal(full & ~EntryState.PurgedBit, EntryState.With(full, EntryState.PurgedBit, false));
        Assert.Equal(999, EntryState.Status(EntryState.WithQueueId(EntryState.WithAccessCount(full, 0), 0)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(99)]
    [InlineData(1000)]
    [InlineData(1023)]
    [InlineData(int.MaxValue)]
    public void A_Status_Outside_Three_Digits_Is_Refused(int status)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EntryState.OfStatus(status));
        Assert.Throws<ArgumentOutOfRangeException>(() => Entry(status));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void An_Access_Count_Outside_Two_Bits_Is_Refused(int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EntryState.WithAccessCount(0, count));

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(255)]
    public void A_Queue_Id_Outside_1_To_15_Is_Refused(int id) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EntryQueue((byte)id));

    [Fact]
    public void An_Entry_Keeps_Every_Part_Through_Touches_Flags_And_Queue_Changes()
    {
        foreach (var status in Statuses)
        {
            for (var flags = 0; flags < 1 << 3; flags++)
            {
                var entry = Entry(status);
                entry.SoftPurged = (flags & 1) != 0;
                entry.Purged = (flags & 2) != 0;
                entry.Removed = (flags & 4) != 0;
                for (var touches = 0; touches < 6; touches++)
                {
                    entry.TouchAccessCount();
                }

                entry.EvictionQueueId = EntryState.MaxQueueId;

                Assert.Equal(status, entry.Status);
                Assert.Equal(CacheEntry.MaxAccessCount, entry.AccessCount);
                Assert.Equal(EntryState.MaxQueueId, entry.EvictionQueueId);
                Assert.Equal((flags & 1) != 0, entry.SoftPurged);
                Assert.Equal((flags & 2) != 0, entry.Purged);
                Assert.Equal((flags & 4) != 0, entry.Removed);

                entry.DecrementAccessCount();
                entry.EvictionQueueId = 0;
                entry.SoftPurged = !entry.SoftPurged;
                Assert.Equal(CacheEntry.MaxAccessCount - 1, entry.AccessCount);
                Assert.Equal(0, entry.EvictionQueueId);
                Assert.Equal((flags & 1) == 0, entry.SoftPurged);
                Assert.Equal((flags & 2) != 0, entry.Purged);
                Assert.Equal((flags & 4) != 0, entry.Removed);
                Assert.Equal(status, entry.Status);

                entry.ResetAccessCount();
                Assert.Equal(0, entry.AccessCount);
                Assert.Equal(status, entry.Status);
                Assert.Equal((flags & 2) != 0, entry.Purged);
            }
        }
    }

    /// <summary>
    /// Hits touch the counter without a lock while the store sets flags under its own: a flag written during a
    /// storm of touches is never lost (the counter may lose counts, which S3-FIFO tolerates). Bounded: a fixed
    /// number of touches per thread.
    /// </summary>
    [Fact]
    public async Task A_Flag_Set_While_Hits_Touch_The_Counter_Is_Kept()
    {
        for (var round = 0; round < 50; round++)
        {
            var entry = Entry(200);
            using var start = new Barrier(3);
            var touchers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < 2_000; i++)
                {
                    entry.TouchAccessCount();
                    if (i % 3 == 0)
                    {
                        entry.ResetAccessCount();
                    }
                }
            })).ToArray();

            start.SignalAndWait();
            entry.Purged = true;
            entry.EvictionQueueId = 2;
            entry.SoftPurged = true;
            await Task.WhenAll(touchers);

            Assert.True(entry.Purged);
            Assert.True(entry.SoftPurged);
            Assert.False(entry.Removed);
            Assert.Equal(2, entry.EvictionQueueId);
            Assert.Equal(200, entry.Status);
            Assert.InRange(entry.AccessCount, 0, CacheEntry.MaxAccessCount);
        }
    }

    private static CacheEntry Entry(int status) => new()
    {
        PrimaryKey = "http://a.example/s",
        ZoneCache = StoreWorld.Zone(),
        Status = status,
        Headers = [],
        Body = [],
        Tags = [],
        ResponseTime = StoreWorld.Now,
        CorrectedInitialAge = TimeSpan.Zero,
        FreshnessLifetime = TimeSpan.FromMinutes(1),
    };
}
