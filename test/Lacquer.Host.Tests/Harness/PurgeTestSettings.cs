// Settings for purge tests: the harness's zone "test" (test.example) also answers for www.test.example, a
// second zone "other" (other.example, same origin) shows that a purge stays inside its zone, and the token
// "deploy-bot" may purge every zone. Tests add tokens and adjust the "test" zone (e.g. cache-key headers).
using System.Security.Cryptography;
using System.Text;
using Lacquer.Configuration;

namespace Lacquer.Harness;

internal static class PurgeTestSettings
{
    public const string TokenName = "deploy-bot";
    public const string Secret = "s3cr3t-deploy-bot-value";
    public const string WwwHost = "www.test.example";
    public const string OtherHost = "other.example";
    public const string OtherZone = "other";
    public const string OtherZoneId = "fedcba9876543210fedcba9876543210";

    /// <summary>A token as configuration holds it: the SHA-256 of the UTF-8 secret.</summary>
    public static TokenSettings Token(string name, string secret, IReadOnlyList<string> zones, params string[] permissions) =>
        new(name, SHA256.HashData(Encoding.UTF8.GetBytes(secret)), zones, permissions);

    /// <summary>The purge world; <paramref name="tokens"/> come after deploy-bot.</summary>
    public static Func<LacquerSettings, LacquerSettings> Configure(
        Func<ZoneSettings, ZoneSettings>? testZone = null,
        PurgeSettings? purge = null,
        params TokenSettings[] tokens) => settings =>
    {
        var test = settings.Zones[0] with { Hosts = [TestSettings.Host, WwwHost] };
        var other = TestSettings.Zone(test.Origin, name: OtherZone, host: OtherHost, id: OtherZoneId);
        return settings with
        {
            Zones = [testZone is null ? test : testZone(test), other],
            Tokens = [Token(TokenName, Secret, [TokenSettings.AllZones], TokenSettings.PurgePermission), .. tokens],
            Purge = purge ?? settings.Purge,
        };
    };
}
