using Lacquer.Caching.Store;
using Lacquer.Purge.Cluster;
using Lacquer.Zones;

namespace Lacquer.Purge;

/// <summary>A purge survives the trip through the shared log: every selector kind comes back equal, zones by name.</summary>
public sealed class PurgeWireTests
{
    public static TheoryData<string> Selectors => ["everything", "url", "url-variant", "url-ipv6", "tag", "host", "prefix", "host-idn"];

    [Theory]
    [MemberData(nameof(Selectors))]
    public void Every_Selector_Kind_Round_Trips(string name)
    {
        var selector = name switch
        {
            "everything" => PurgeSelector.Everything,
            "url" => PurgeSelector.ForUrl("https", "WWW.Example.com", "/a%7Eb?x=1&y=%2F"),
            "url-variant" => PurgeSelector.ForUrl("http", "www.example.com", "/p", "some-primary-key\u0001de"),
            "url-ipv6" => PurgeSelector.ForUrl("http", "[::1]", "/"),
            "tag" => PurgeSelector.ForTag(" Product-42 "),
            "host" => PurgeSelector.ForHost("images.example.com"),
            "prefix" => PurgeSelector.ForPrefix("www.example.com/blog"),
            _ => PurgeSelector.ForHost("bücher.example"),
        };
        var zones = Table("example", "other");
        var command = new PurgeCommand([zones.Zones[1]], [selector], Soft: true);

        var read = PurgeWire.Read(PurgeWire.Write("0123", "edge-1", "deploy-bot", "cloudflare", command), zones);

        Assert.NotNull(read);
        Assert.Equal(("0123", "edge-1", "deploy-bot", "cloudflare"), (read.Id, read.Node, read.Who, read.Surface));
        Assert.True(read.Command.Soft);
        Assert.Same(zones.Zones[1], Assert.Single(read.Command.Zones));
        Assert.Equal(selector, Assert.Single(read.Command.Selectors));
    }

    [Fact]
    public void A_Zone_This_Node_Does_Not_Know_Is_Skipped()
    {
        var command = new PurgeCommand(Table("example", "gone").Zones, [PurgeSelector.ForTag("a")], Soft: false);

        var read = PurgeWire.Read(PurgeWire.Write("1", "n", "w", "s", command), Table("example"));

        Assert.Equal("example", Assert.Single(read!.Command.Zones).Name);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"id":"1","node":"n","who":"w","surface":"s","soft":false,"zones":[],"selectors":[{"kind":"regex","value":"."}]}""")]
    [InlineData("""{"id":"1","node":"n","who":"w","surface":"s","soft":false,"zones":[],"selectors":[{"kind":"url","value":"no-scheme"}]}""")]
    public void Text_That_Is_No_Purge_Reads_As_Null(string text)
    {
        Assert.Null(PurgeWire.Read(text, Table("example")));
    }

    private static ZoneTable Table(params string[] names) => new([.. names.Select(name => new Zone(TestZones.Settings(name)))]);
}
