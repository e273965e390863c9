// The value the store keeps under one key: empty, one entry inline, an array of a few, or a hash table of more;
// every change makes a new value and leaves the old one as it was (lock-free readers may still hold it).
namespace Lacquer.Caching.Store;

public sealed class VariantsTests
{
    private readonly ZoneCache _zone = StoreWorld.Zone();

    [Fact]
    public void One_Variant_Is_Kept_Inline_And_Two_Make_An_Array()
    {
        var a = Variant("en");
        var b = Variant("de");

        var one = default(Variants).With(a);
        var two = one.With(b);

        Assert.Same(a, one.Value);
        Assert.Equal(1, one.Count);
        Assert.Equal(new[] { b, a }, Assert.IsType<CacheEntry[]>(two.Value));
        Assert.Equal(2, two.Count);
        Assert.Equal(new[] { b, a }, Items(two));
    }

    [Fact]
    public void Removing_Shrinks_Back_To_Inline_Then_To_Empty()
    {
        var a = Variant("en");
        var b = Variant("de");
        var c = Variant("fr");
        var three = default(Variants).With(a).With(b).With(c);

        var two = three.Without(b);
        var one = two.Without(c);
        var none = one.Without(a);

        Assert.Equal(new[] { c, a }, Items(two));
        Assert.Same(a, one.Value);
        Assert.Null(none.Value);
        Assert.Equal(0, none.Count);
        Assert.Empty(Items(none));
        Assert.Equal(new[] { c, b, a }, Items(three));
    }

    [Fact]
    public void Removing_A_Non_Member_Returns_The_Same_Value()
    {
        var a = Variant("en");
        var b = Variant("de");
        var stranger = Variant("fr");
        var one = default(Variants).With(a);
        var two = one.With(b);

        Assert.Same(one.Value, one.Without(stranger).Value);
        Assert.Same(two.Value, two.Without(stranger).Value);
        Assert.Null(default(Variants).Without(stranger).Value);
        Assert.True(two.Contains(a));
        Assert.False(two.Contains(stranger));
        Assert.False(default(Variants).Contains(a));
    }

    [Fact]
    public void More_Than_MaxScanned_Variants_Make_A_Table_And_Fewer_Go_Back_To_An_Array()
    {
        var entries = Enumerable.Range(0, Variants.MaxScanned + 1).Select(i => Variant($"x-{i}")).ToArray();
        var set = default(Variants);
        foreach (var entry in entries[..Variants.MaxScanned])
        {
            set = set.With(entry);
        }

        var array = Assert.IsType<CacheEntry[]>(set.Value);
        var table = set.With(entries[^1]);

        Assert.IsType<VariantTable>(table.Value);
        Assert.Equal(entries.Reverse(), Items(table));
        Assert.Same(entries[0], table.Oldest);
        Assert.All(entries, entry => Assert.True(table.Contains(entry)));
        Assert.False(table.Contains(Variant("x-0"))); // equal values, another entry
        Assert.Same(array, set.Value); // the old value is untouched

        var back = table.Without(entries[4]);
        Assert.IsType<CacheEntry[]>(back.Value);
        Assert.Equal(entries.Reverse().Where(entry => entry != entries[4]), Items(back));
        Assert.Same(table.Value, table.Without(Variant("x-1")).Value);
        Assert.Equal(Variants.MaxScanned + 1, Items(table).Count);
    }

    private CacheEntry Variant(string language) =>
        StoreWorld.Entry(_zone, "/a", varyNames: ["accept-language"], varyValues: [language]);

    private static List<CacheEntry> Items(Variants variants)
    {
        var items = new List<CacheEntry>();
        foreach (var variant in variants)
        {
            items.Add(variant);
        }

        return items;
    }
}
