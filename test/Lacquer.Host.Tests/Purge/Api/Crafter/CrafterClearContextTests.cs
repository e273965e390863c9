// docs/compat.md, "Crafter", GET /api/1/cache/clear?contextId=Z&token=T: a Crafter context is a zone.
using Lacquer.Harness;

namespace Lacquer.Purge.Api.Crafter;

public sealed class CrafterClearContextTests
{
    [Fact]
    public async Task Clear_Empties_Only_The_Named_Zone()
    {
        await using var c = await Conversation.StartAsync(SeedApi.WithOtherZone);
        await c.CacheAsync("/a");
        await c.CacheAsync("/b", SeedApi.OtherHost);

        (await c.Admin.Get("/api/1/cache/clear?contextId=other&token=defaultManagementToken")).ExpectStatus(200)
            .ExpectHeader("Content-Type", "application/json")
            .ExpectBody("""{"message":"Cache scope for context 'other' has been cleared"}""");

        await c.ExpectClearedAsync("/b", SeedApi.OtherHost);
        await c.ExpectStillCachedAsync("/a");
        var purge = c.SinglePurge();
        Assert.Equal(["other"], purge.Zones);
        Assert.Equal(("crafter", "crafter management token"), (purge.Surface, purge.Who));
        c.Origin.ExpectAllConsumed();
    }

    /// <summary>The context names its zone in any case and is echoed as given; the path and the parameter names match in any case too.</summary>
    [Theory]
    [InlineData("/api/1/cache/clear.json?contextId=TEST&token=defaultManagementToken", "TEST")]
    [InlineData("/API/1/Cache/Clear?CONTEXTID=test&Token=defaultManagementToken", "test")]
    public async Task Names_Match_In_Any_Case_And_The_Context_Is_Echoed_As_Given(string target, string echoed)
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");

        (await c.Admin.Get(target)).ExpectStatus(200)
            .ExpectBody($$"""{"message":"Cache scope for context '{{echoed}}' has been cleared"}""");

        await c.ExpectClearedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("nope", """{"message":"No context found for ID nope"}""")]
    [InlineData("", """{"message":"No context found for ID "}""")]
    [InlineData("a%22b%5C", """{"message":"No context found for ID a\"b\\"}""")]
    public async Task An_Unknown_Context_Is_400_And_Clears_Nothing(string contextId, string body)
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");

        (await c.Admin.Get($"/api/1/cache/clear?contextId={contextId}&token=defaultManagementToken")).ExpectStatus(400).ExpectBody(body);

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Wrong_Token_Is_401_Before_The_Context_Is_Looked_Up()
    {
        await using var c = await Conversation.StartAsync();

        (await c.Admin.Get("/api/1/cache/clear?contextId=nope&token=wrong")).ExpectStatus(401)
            .ExpectBody("""{"message":"Management authorization failed, invalid token."}""");
        (await c.Admin.Get("/api/1/cache/clear?contextId=test&token=")).ExpectStatus(401);
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("?token=defaultManagementToken", """{"message":"Required String parameter 'contextId' is not present"}""")]
    [InlineData("", """{"message":"Required String parameter 'contextId' is not present"}""")]
    [InlineData("?contextId=test", """{"message":"Required String parameter 'token' is not present"}""")]
    public async Task A_Missing_Parameter_Is_400_Naming_It(string query, string body)
    {
        await using var c = await Conversation.StartAsync();

        (await c.Admin.Get("/api/1/cache/clear" + query)).ExpectStatus(400).ExpectBody(body);
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Other_Methods_Are_405(string method)
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");

        (await c.Admin.Send(method, "/api/1/cache/clear?contextId=test&token=defaultManagementToken", null)).ExpectStatus(405)
            .ExpectHeader("Allow", "GET, HEAD");

        await c.ExpectStillCachedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }
}
