// EntrySet holds one entry in the field itself and switches to a HashSet only for two or more; it goes back
// when entries leave, and a set emptied by a large purge gives its capacity back.
using Lacquer.Caching.Store;
using Lacquer.Purge;

namespace Lacquer.Caching.Indexes;

public sealed class EntrySetTests
{
    private static readonly ZoneCache Zone = PurgeWorld.Zone();

    [Fact]
    public void One_Entry_Is_Held_Directly_Two_In_A_Set_And_Back()
    {
        object? set = null;
        var a = Entry(1);
        var b = Entry(2);

        EntrySet.Add(ref set, a);
        Assert.Same(a, set);
        EntrySet.Add(ref set, a);
        Assert.Same(a, set);

        EntrySet.Add(ref set, b);
        Assert.IsType<HashSet<CacheEntry>>(set);
        Assert.Equal(2, EntrySet.Count(set));
        Assert.Equal([a, b], EntrySet.ToArray(set).OrderBy(entry => entry.PrimaryKey));

        Assert.True(EntrySet.Remove(ref set, a));
        Assert.Same(b, set);
        Assert.False(EntrySet.Remove(ref set, a));
        Assert.True(EntrySet.Remove(ref set, b));
        Assert.Null(set);
        Assert.Empty(EntrySet.ToArray(set));
        Assert.False(EntrySet.Remove(ref set, b));
    }

    [Fact]
    public void A_Set_Emptied_By_A_Large_Purge_Gives_Its_Capacity_Back()
    {
        object? set = null;
        var entries = Enumerable.Range(0, 4_000).Select(Entry).ToArray();
        foreach (var entry in entries)
        {
            EntrySet.Add(ref set, entry);
        }

        var full = ((HashSet<CacheEntry>)set!).EnsureCapacity(0);
        foreach (var entry in entries[..^100])
        {
            Assert.True(EntrySet.Remove(ref set, entry));
        }

        var many = Assert.IsType<HashSet<CacheEntry>>(set);
        Assert.Equal(100, many.Count);
        Assert.True(many.EnsureCapacity(0) <= 400, $"capacity {many.EnsureCapacity(0)} of {full} kept for 100 entries");
        Assert.Equal(entries[^100..].OrderBy(entry => entry.PrimaryKey), EntrySet.ToArray(set).OrderBy(entry => entry.PrimaryKey));
    }

    private static CacheEntry Entry(int i) => PurgeWorld.Entry(Zone, $"http://a.example/{i:D5}");
}
