// The table of shared lists keeps two lists whose hashes pick the same set: entries bringing both (an origin's
// tag list and its Vary-name list) share each, whichever comes first, instead of evicting each other on every
// fill. A third colliding list evicts the older of the two; an unequal list is never returned for another.
namespace Lacquer.Caching.Store;

public sealed class SharedArraysTests
{
    [Fact]
    public void Two_Lists_Of_One_Set_Both_Stay_Shared_When_Entries_Bring_Them_In_Turn()
    {
        var (a, b, _) = Colliding();
        var table = new SharedArrays();

        Assert.Same(a, table.Share(a));
        Assert.Same(b, table.Share(b));
        for (var fill = 0; fill < 3; fill++)
        {
            Assert.Same(a, table.Share((string[])a.Clone()));
            Assert.Same(b, table.Share((string[])b.Clone()));
        }
    }

    [Fact]
    public void A_Third_List_Of_The_Set_Evicts_The_Older_And_No_List_Is_Returned_For_Another()
    {
        var (a, b, c) = Colliding();
        var table = new SharedArrays();
        table.Share(a);
        table.Share(b);

        Assert.Same(c, table.Share(c));

        var aAgain = (string[])a.Clone();
        Assert.Same(aAgain, table.Share(aAgain));
        Assert.Same(c, table.Share((string[])c.Clone()));
    }

    /// <summary>Three one-tag lists whose hashes pick one set: found among fresh lists (the hash follows object identity).</summary>
    private static (string[] A, string[] B, string[] C) Colliding()
    {
        var bySet = new Dictionary<int, List<string[]>>();
        for (var i = 0; i < 100_000; i++)
        {
            string[] list = [$"tag-{i}"];
            var set = SharedArrays.SetOf(list);
            if (!bySet.TryGetValue(set, out var lists))
            {
                bySet[set] = lists = [];
            }

            lists.Add(list);
            if (lists.Count == 3)
            {
                return (lists[0], lists[1], lists[2]);
            }
        }

        throw new InvalidOperationException("no three lists of one set among 100,000");
    }
}
