// Shared steps of the seed endpoint conversations (docs/compat.md, "Crafter" to "Flextype"): cache a URL (miss, then hit), prove a
// clear really emptied its zone (the next request is a miss), a second zone to show what a clear leaves
// alone, and the purge the audit ring recorded.
using System.Net.Http.Headers;
using System.Text;
using Lacquer.Configuration;
using Lacquer.Harness;

namespace Lacquer.Purge.Api;

internal static class SeedApi
{
    public const string OtherHost = "other.example";
    public const string OtherZoneId = "fedcba9876543210fedcba9876543210";

    /// <summary>Adds a zone "other" for other.example in front of the same origin.</summary>
    public static LacquerSettings WithOtherZone(LacquerSettings settings) =>
        settings with { Zones = [.. settings.Zones, TestSettings.Zone(settings.Zones[0].Origin, "other", OtherHost, OtherZoneId)] };

    /// <summary>Stores <paramref name="path"/> of <paramref name="host"/>: a miss that is stored, then a hit.</summary>
    public static async Task CacheAsync(this Conversation c, string path, string host = TestSettings.Host)
    {
        c.Origin.OnGet(path).Reply(200, "v1", "Cache-Control: max-age=600");
        (await c.Client.Get(path, $"Host: {host}")).ExpectMiss().ExpectStored().ExpectBody("v1");
        (await c.Client.Get(path, $"Host: {host}")).ExpectHit();
    }

    /// <summary>The stored copy is still served: nothing cleared it.</summary>
    public static async Task ExpectStillCachedAsync(this Conversation c, string path, string host = TestSettings.Host) =>
        (await c.Client.Get(path, $"Host: {host}")).ExpectHit().ExpectBody("v1");

    /// <summary>The next request goes to the origin: the clear really emptied the zone.</summary>
    public static async Task ExpectClearedAsync(this Conversation c, string path, string host = TestSettings.Host)
    {
        c.Origin.OnGet(path).Reply(200, "v2", "Cache-Control: max-age=600");
        (await c.Client.Get(path, $"Host: {host}")).ExpectMiss().ExpectBody("v2");
    }

    /// <summary>The newest purge in the audit ring, which must be the only one.</summary>
    public static PurgeRecord SinglePurge(this Conversation c) => Assert.Single(c.Server.Purges.Audit.Snapshot());

    public static void ExpectNoPurge(this Conversation c) => Assert.Empty(c.Server.Purges.Audit.Snapshot());

    /// <summary>A body with exactly this Content-Type (or none when null), without a charset added.</summary>
    public static ByteArrayContent Body(string text, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    public static ByteArrayContent Json(string text) => Body(text, "application/json");
}
