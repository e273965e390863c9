// The tag index: tag -> entries carrying it. Records are the entries themselves, removed by reference, and a
// tag whose last entry leaves is dropped, so the index holds exactly the stored entries' tags.
using Lacquer.Caching.Store;
using Lacquer.Purge;

namespace Lacquer.Caching.Indexes;

public sealed class TagIndexTests
{
    [Fact]
    public void Finds_Every_Entry_Carrying_A_Tag_And_Only_Those()
    {
        var zone = PurgeWorld.Zone();
        var index = new TagIndex();
        var red = PurgeWorld.Indexed(zone, "http://a.example/1", "red");
        var both = PurgeWorld.Indexed(zone, "http://a.example/2", "red", "blue");
        var none = PurgeWorld.Indexed(zone, "http://a.example/3");
        index.Add(red);
        index.Add(both);
        index.Add(none);

        Assert.Equal(new[] { red, both }, index.Find("red").OrderBy(entry => entry.PrimaryKey, StringComparer.Ordinal));
        Assert.Same(both, Assert.Single(index.Find("blue")));
        Assert.Empty(index.Find("green"));
        Assert.Empty(index.Find("re"));
        Assert.Equal(2, index.TagCount);
    }

    [Fact]
    public void Tags_Are_Looked_Up_Exactly_As_Given_So_Callers_Lower_Case_Them()
    {
        var index = new TagIndex();
        index.Add(PurgeWorld.Indexed(PurgeWorld.Zone(), "http://a.example/1", "red"));

        Assert.Single(index.Find("red"));
        Assert.Empty(index.Find("RED"));
        Assert.Single(index.Find(PurgeSelector.ForTag(" RED ").Value));
    }

    [Fact]
    public void A_Tag_Leaves_The_Index_With_Its_Last_Entry()
    {
        var zone = PurgeWorld.Zone();
        var index = new TagIndex();
        var first = PurgeWorld.Indexed(zone, "http://a.example/1", "red", "blue");
        var second = PurgeWorld.Indexed(zone, "http://a.example/2", "red");
        index.Add(first);
        index.Add(second);

        index.Remove(first);
        Assert.Equal(1, index.TagCount);
        Assert.Empty(index.Find("blue"));
        Assert.Same(second, Assert.Single(index.Find("red")));

        index.Remove(second);
        Assert.Equal(0, index.TagCount);
        Assert.Empty(index.Find("red"));
    }

    [Fact]
    public void Removal_Is_By_Reference_So_An_Old_Entry_Never_Takes_A_Newer_Ones_Record()
    {
        var zone = PurgeWorld.Zone();
        var index = new TagIndex();
        var old = PurgeWorld.Indexed(zone, "http://a.example/page", "red");
        var newer = PurgeWorld.Indexed(zone, "http://a.example/page", "red");
        index.Add(old);
        index.Add(newer);

        index.Remove(old);
        index.Remove(old);

        Assert.Same(newer, Assert.Single(index.Find("red")));
        Assert.Equal(1, index.TagCount);
    }

    [Fact]
    public void Removing_An_Entry_That_Was_Never_Indexed_Changes_Nothing()
    {
        var zone = PurgeWorld.Zone();
        var index = new TagIndex();
        var stored = PurgeWorld.Indexed(zone, "http://a.example/1", "red");
        index.Add(stored);

        index.Remove(PurgeWorld.Indexed(zone, "http://a.example/1", "red"));
        index.Remove(PurgeWorld.Indexed(zone, "http://a.example/2", "blue"));

        Assert.Same(stored, Assert.Single(index.Find("red")));
        Assert.Equal(1, index.TagCount);
    }

    [Fact]
    public void Find_Returns_A_Copy_The_Caller_May_Remove_While_Walking()
    {
        var zone = PurgeWorld.Zone();
        var index = new TagIndex();
        for (var i = 0; i < 10; i++)
        {
            index.Add(PurgeWorld.Indexed(zone, $"http://a.example/{i}", "red"));
        }

        foreach (var entry in index.Find("red"))
        {
            index.Remove(entry);
        }

        Assert.Empty(index.Find("red"));
        Assert.Equal(0, index.TagCount);
    }
}
