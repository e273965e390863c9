// docs/compat.md, "Crafter", GET /api/1/cache/clear_all?token=T: every row of the contract as a conversation.
using Lacquer.Configuration;
using Lacquer.Harness;

namespace Lacquer.Purge.Api.Crafter;

public sealed class CrafterClearAllTests
{
    private const string ClearAll = "/api/1/cache/clear_all?token=defaultManagementToken";

    [Fact]
    public async Task ClearAll_With_The_Default_Token_Empties_Every_Zone_And_Is_Recorded()
    {
        await using var c = await Conversation.StartAsync(SeedApi.WithOtherZone);
        await c.CacheAsync("/a");
        await c.CacheAsync("/b", SeedApi.OtherHost);

        (await c.Admin.Get(ClearAll)).ExpectStatus(200)
            .ExpectHeader("Content-Type", "application/json")
            .ExpectBody("""{"message":"All cache scopes have been cleared"}""");

        await c.ExpectClearedAsync("/a");
        await c.ExpectClearedAsync("/b", SeedApi.OtherHost);
        var purge = c.SinglePurge();
        Assert.Equal(("crafter", "crafter management token", false), (purge.Surface, purge.Who, purge.Soft));
        Assert.Equal(["test", "other"], purge.Zones);
        Assert.Equal(["everything"], purge.Selectors);
        Assert.Matches("^[0-9a-f]{32}$", purge.Id);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task The_Json_Suffix_Is_Accepted()
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");

        (await c.Admin.Get("/api/1/cache/clear_all.json?token=defaultManagementToken")).ExpectStatus(200)
            .ExpectBody("""{"message":"All cache scopes have been cleared"}""");

        await c.ExpectClearedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Head_Runs_The_Clear_Too_And_Answers_Without_A_Body()
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");

        (await c.Admin.Head(ClearAll)).ExpectStatus(200).ExpectBody(string.Empty).ExpectHeader("Content-Length", "48");

        await c.ExpectClearedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    public async Task Other_Methods_Are_405_With_Allow_And_Clear_Nothing(string method)
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");

        (await c.Admin.Send(method, ClearAll, null)).ExpectStatus(405)
            .ExpectHeader("Allow", "GET, HEAD")
            .ExpectBody($$"""{"message":"Request method '{{method}}' not supported"}""");

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Missing_Token_Is_400_With_The_Documented_Message()
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");

        (await c.Admin.Get("/api/1/cache/clear_all")).ExpectStatus(400)
            .ExpectBody("""{"message":"Required String parameter 'token' is not present"}""");

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("?token=")]
    [InlineData("?token")]
    [InlineData("?token=wrong")]
    [InlineData("?token=DEFAULTMANAGEMENTTOKEN")]
    [InlineData("?token=defaultManagementToken%20")]
    [InlineData("?token=defaultManagementToken&token=defaultManagementToken")]
    public async Task An_Empty_Or_Wrong_Token_Is_401(string query)
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");

        (await c.Admin.Get("/api/1/cache/clear_all" + query)).ExpectStatus(401)
            .ExpectBody("""{"message":"Management authorization failed, invalid token."}""");

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Configured_Token_Replaces_The_Default()
    {
        await using var c = await Conversation.StartAsync(s => s with
        {
            Compat = s.Compat with { Crafter = new CrafterSettings(true, Security.SecretHash.Of("s3cret")) },
        });
        await c.CacheAsync("/a");

        (await c.Admin.Get(ClearAll)).ExpectStatus(401);
        await c.ExpectStillCachedAsync("/a");
        (await c.Admin.Get("/api/1/cache/clear_all?token=s3cret")).ExpectStatus(200);
        await c.ExpectClearedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Switched_Off_The_Routes_Are_Not_There()
    {
        await using var c = await Conversation.StartAsync(s => s with
        {
            Compat = s.Compat with { Crafter = s.Compat.Crafter with { Enabled = false } },
        });
        await c.CacheAsync("/a");

        (await c.Admin.Get(ClearAll)).ExpectStatus(404);
        (await c.Admin.Get("/api/1/cache/clear?contextId=test&token=defaultManagementToken")).ExpectStatus(404);

        await c.ExpectStillCachedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }
}
