// The store's key table against a plain dictionary: seeded runs of inserts, replacements and removals (many of
// them, so the table grows, sheds its removal markers and rebuilds) answer every lookup, by the key's
// characters, as the dictionary does, and list the same values.
namespace Lacquer.Caching.Store;

public sealed class KeyTableTests
{
    [Theory]
    [InlineData(1, 50)]
    [InlineData(2, 500)]
    [InlineData(3, 5_000)]
    public void Lookups_Answer_As_A_Dictionary_Does_Through_Growth_And_Removals(int seed, int keys)
    {
        var random = new Random(seed);
        var zone = StoreWorld.Zone();
        var table = new KeyTable();
        var model = new Dictionary<string, CacheEntry>(StringComparer.Ordinal);
        for (var step = 0; step < keys * 20; step++)
        {
            var key = StoreWorld.Key(zone, $"/k/{random.Next(keys)}");
            if (random.Next(3) == 0)
            {
                Assert.Equal(model.Remove(key), table.Remove(key));
            }
            else
            {
                var entry = StoreWorld.EntryUnder(key, zone, TimeSpan.FromMinutes(1));
                table.Set(key, entry);
                model[key] = entry;
            }

            var probe = StoreWorld.Key(zone, $"/k/{random.Next(keys)}");
            Assert.Equal(model.TryGetValue(probe, out var expected), table.TryGetValue(probe.AsSpan(), out var found));
            Assert.Same(expected, found);
        }

        Assert.Equal(model.Count, table.Count);
        Assert.Equal(
            model.Values.OrderBy(entry => entry.PrimaryKey, StringComparer.Ordinal),
            table.Values().Cast<CacheEntry>().OrderBy(entry => entry.PrimaryKey, StringComparer.Ordinal));
        foreach (var (key, entry) in model)
        {
            Assert.True(table.TryGetValue(key.AsSpan(), out var found));
            Assert.Same(entry, found);
        }

        Assert.False(table.TryGetValue("http://a.example/absent".AsSpan(), out _));
    }

    [Fact]
    public void A_Key_Holding_Several_Variants_Is_Found_By_Their_Key()
    {
        var zone = StoreWorld.Zone();
        var table = new KeyTable();
        var key = StoreWorld.Key(zone, "/v");
        CacheEntry[] variants = [StoreWorld.EntryUnder(key, zone, TimeSpan.FromMinutes(1)), StoreWorld.EntryUnder(key, zone, TimeSpan.FromMinutes(1))];

        table.Set(key, variants);

        Assert.True(table.TryGetValue(key.AsSpan(), out var found));
        Assert.Same(variants, found);
        Assert.True(table.Remove(key));
        Assert.False(table.TryGetValue(key.AsSpan(), out _));
        Assert.False(table.Remove(key));
    }
}
