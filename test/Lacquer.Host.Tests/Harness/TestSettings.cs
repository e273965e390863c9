// Settings for a proxy under test: listeners on 127.0.0.1 with ephemeral ports and one zone "test" for
// the host test.example in front of the given origin. Like the demo (loopback only), the world serves every
// seed cache-clear surface, Crafter with its default token; a real configuration has them off unless
// configured. Tests adjust them with `with` expressions.
using Lacquer.Configuration;
using Lacquer.Security;

namespace Lacquer.Harness;

internal static class TestSettings
{
    public const string Host = "test.example";
    public const string ZoneId = "0123456789abcdef0123456789abcdef";

    public static readonly TagHeaderSettings[] DefaultTagHeaders =
    [
        new("Cache-Tag", ','),
        new("Surrogate-Key", ' '),
        new("xkey", ' '),
    ];

    public static ZoneSettings Zone(Uri origin, string name = "test", string host = Host, string id = ZoneId) => new(
        Name: name,
        Id: id,
        Hosts: [host],
        Origin: origin,
        CacheKeyHeaders: [],
        TagHeaders: DefaultTagHeaders,
        DefaultTtl: TimeSpan.Zero,
        MaxHeuristicTtl: TimeSpan.FromDays(1),
        CacheSetCookie: false,
        OriginTimeout: TimeSpan.FromSeconds(30));

    public static LacquerSettings For(params ZoneSettings[] zones) => new(
        Listen: new ListenSettings([new Uri("http://127.0.0.1:0")], new Uri("http://127.0.0.1:0")),
        Cache: new CacheSettings(MaxBytes: 64L * 1024 * 1024, MaxObjectBytes: 4L * 1024 * 1024, MaxHeuristicTtl: TimeSpan.FromDays(1), OriginTimeout: TimeSpan.FromSeconds(30)),
        Zones: zones,
        Tokens: [],
        Purge: PurgeSettings.Default)
    {
        Compat = SeedSurfaces,
    };

    /// <summary>Every seed surface on: Crafter with its default token, the open surfaces without a token, Flextype without tokens.</summary>
    public static CompatSettings SeedSurfaces { get; } = new(
        new CrafterSettings(true, SecretHash.Of(CrafterSettings.DefaultManagementToken)),
        OpenSurfaceSettings.Off with { Enabled = true },
        OpenSurfaceSettings.Off with { Enabled = true },
        FlextypeSettings.Off with { Enabled = true });
}
