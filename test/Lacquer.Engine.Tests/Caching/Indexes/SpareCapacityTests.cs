// The index maps' room: a large map that is full grows by a quarter (Reserve), a small one as it would anyway,
// so the spare slots of a large index stay near a fifth of it instead of up to half.
namespace Lacquer.Caching.Indexes;

public sealed class SpareCapacityTests
{
    [Theory]
    [InlineData(10_000)]
    [InlineData(100_000)]
    public void A_Large_Set_Filled_Through_Reserve_Keeps_At_Most_A_Quarter_Spare(int count)
    {
        var set = new HashSet<int>();
        var map = new Dictionary<int, int>();
        for (var i = 0; i < count; i++)
        {
            SpareCapacity.Reserve(set);
            set.Add(i);
            SpareCapacity.Reserve(map);
            map[i] = i;
        }

        // Doubling would have left 10,949 or 175,447 slots for these counts (up to 1.75 per item).
        Assert.InRange(set.EnsureCapacity(0), count, count * 5 / 4 + 16);
        Assert.InRange(map.EnsureCapacity(0), count, count * 5 / 4 + 16);
    }

    [Fact]
    public void A_Small_Set_Grows_As_It_Would_Anyway()
    {
        var reserved = new HashSet<int>();
        var plain = new HashSet<int>();
        for (var i = 0; i < 1000; i++)
        {
            SpareCapacity.Reserve(reserved);
            reserved.Add(i);
            plain.Add(i);
        }

        Assert.Equal(plain.EnsureCapacity(0), reserved.EnsureCapacity(0));
    }
}
