// A configuration without a compat section serves none of the seed cache-clear endpoints: Crafter's
// publicly known default token in particular clears nothing. The settings come from the real configuration
// reader, so this is what an operator's file without compat gives (docs/compat.md).
using System.Text;
using Lacquer.Configuration;
using Lacquer.Harness;
using Microsoft.Extensions.Configuration;

namespace Lacquer.Purge.Api;

public sealed class CompatOffByDefaultTests
{
    [Fact]
    public async Task Without_A_Compat_Section_The_Default_Crafter_Token_Clears_Nothing_And_No_Seed_Route_Exists()
    {
        await using var c = await Conversation.StartAsync(settings => ReadWithoutCompat(settings.Zones[0].Origin));
        await c.CacheAsync("/a");

        (await c.Admin.Get("/api/1/cache/clear_all?token=defaultManagementToken")).ExpectStatus(404);
        (await c.Admin.Get("/api/1/cache/clear_all.json?token=defaultManagementToken")).ExpectStatus(404);
        (await c.Admin.Get("/api/1/cache/clear?contextId=test&token=defaultManagementToken")).ExpectStatus(404);
        (await c.Admin.Send("POST", "/api/system/cache/clear", SeedApi.Json("{}"))).ExpectStatus(404);
        (await c.Admin.Send("POST", "/api/cache/clear", SeedApi.Json("{}"))).ExpectStatus(404);
        (await c.Admin.Get("/api/v1/cache/clear?token=efe1e36e4d60fcd547e22eb9f795dff9&access_token=efe1e36e4d60fcd547e22eb9f795dff9")).ExpectStatus(404);

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    /// <summary>A minimal operator file: listeners, one zone in front of <paramref name="origin"/>, no compat section.</summary>
    private static LacquerSettings ReadWithoutCompat(Uri origin)
    {
        var json = $$"""
            {
              "listen": { "proxy": "http://127.0.0.1:0", "admin": "http://127.0.0.1:0" },
              "zones": [ { "name": "test", "id": "{{TestSettings.ZoneId}}", "hosts": ["{{TestSettings.Host}}"], "origin": "{{origin.GetLeftPart(UriPartial.Authority)}}" } ]
            }
            """;
        var result = SettingsReader.Read(new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build());
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Settings!;
    }
}
