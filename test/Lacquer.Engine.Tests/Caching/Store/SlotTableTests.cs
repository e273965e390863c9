// The store's key map in shards (SlotTable): it answers like one dictionary — by the key's string or its
// characters, values replaced and removed, counted, every value enumerated once — and spreads the keys of one site over
// every shard, so that each grows on its own with a fraction of the keys (the reason it is split).
using System.Globalization;

namespace Lacquer.Caching.Store;

public sealed class SlotTableTests
{
    [Fact]
    public void Set_Replace_And_Remove_Answer_By_String_And_By_Characters()
    {
        var zone = StoreWorld.Zone();
        var table = new SlotTable();
        var key = StoreWorld.Key(zone, "/x");
        var first = StoreWorld.EntryUnder(key, zone, TimeSpan.FromMinutes(1));
        var second = StoreWorld.EntryUnder(key, zone, TimeSpan.FromMinutes(1));

        table.Set(key, first);
        Assert.True(table.TryGetValue(key, out var found));
        Assert.Same(first, found);
        Assert.Equal(1, table.Count);

        table.Set(key, second);
        Assert.True(table.TryGetValue(("prefix " + key).AsSpan(7), out found));
        Assert.Same(second, found);
        Assert.Equal(1, table.Count);

        Assert.True(table.Remove(key));
        Assert.False(table.Remove(key));
        Assert.False(table.TryGetValue(key, out _));
        Assert.Equal(0, table.Count);
        Assert.Empty(table.Values());
    }

    [Fact]
    public void Values_Holds_Every_Stored_Value_Once()
    {
        var zone = StoreWorld.Zone();
        var table = new SlotTable();
        var values = Enumerable.Range(0, 5_000)
            .Select(i => StoreWorld.Key(zone, $"/m/{i}"))
            .Select(key => (Key: key, Value: StoreWorld.EntryUnder(key, zone, TimeSpan.FromMinutes(1))))
            .ToList();
        foreach (var (key, value) in values)
        {
            table.Set(key, value);
        }

        foreach (var (key, _) in values.Where((_, i) => i % 2 == 0))
        {
            table.Remove(key);
        }

        var expected = values.Where((_, i) => i % 2 == 1).Select(pair => (object)pair.Value).ToHashSet(ReferenceEqualityComparer.Instance);
        var seen = table.Values().ToList();
        Assert.Equal(expected.Count, seen.Count);
        Assert.All(seen, value => Assert.Contains(value, expected));
    }

    [Fact]
    public void Keys_That_Differ_Only_In_A_Counter_Spread_Over_Every_Shard()
    {
        // 64,000 URLs of one site, as the miss scenario makes them: about 1,000 per shard; none may hold more
        // than half as much again, or the growth of one shard would again rehash a large part of the store.
        var perShard = new int[SlotTable.Shards];
        const int keys = 64_000;
        for (var i = 0; i < keys; i++)
        {
            perShard[SlotTable.ShardOf(Url(i))]++;
        }

        Assert.All(perShard, count => Assert.InRange(count, keys / SlotTable.Shards / 2, keys / SlotTable.Shards * 3 / 2));
    }

    private static string Url(int i) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1/m/20261203-r1-1-{i}");
}
