// The one way the engine tests build a zone's settings without reading a configuration file: every field the
// tests do not care about has one fixed, harmless value (an origin nobody listens on, no key headers, the
// default tag headers, no default TTL). A test that needs more sets it with a `with` expression.
using Lacquer.Configuration;

namespace Lacquer.Zones;

internal static class TestZones
{
    public const string Id = "0123456789abcdef0123456789abcdef";

    /// <param name="name">The zone's name.</param>
    /// <param name="hosts">The hosts it serves; default "&lt;name&gt;.example".</param>
    /// <param name="cacheKeyHeaders">Request headers added to its cache keys; default none.</param>
    public static ZoneSettings Settings(string name = "a", IReadOnlyList<string>? hosts = null, IReadOnlyList<string>? cacheKeyHeaders = null) => new(
        Name: name,
        Id: Id,
        Hosts: hosts is { Count: > 0 } ? hosts : [name + ".example"],
        Origin: new Uri("http://127.0.0.1:9"),
        CacheKeyHeaders: cacheKeyHeaders ?? [],
        TagHeaders: TagHeaderSettings.Defaults,
        DefaultTtl: TimeSpan.Zero,
        MaxHeuristicTtl: TimeSpan.FromDays(1),
        CacheSetCookie: false,
        OriginTimeout: TimeSpan.FromSeconds(30));
}
