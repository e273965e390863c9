// docs/compat.md, "Flextype"'s 400 and 401 rows, in Flextype's order of checks: absent parameters 400; unknown token
// 401; disabled or over its limit 400; wrong access token 401. None of them clears anything.
using Lacquer.Harness;
using static Lacquer.Purge.Api.Flextype.FlextypeTestSettings;

namespace Lacquer.Purge.Api.Flextype;

public sealed class FlextypeTokenTests
{
    [Theory]
    [InlineData("")]
    [InlineData("?token=" + Token)]
    [InlineData("?access_token=" + Token)]
    [InlineData("?Token=" + Token + "&accesstoken=" + Token)]
    public async Task An_Absent_Token_Or_Access_Token_Is_400(string query)
    {
        await using var c = await Conversation.StartAsync(Seed);
        await c.CacheAsync("/a");

        (await c.Admin.Get(Clear + query)).ExpectStatus(400)
            .ExpectHeader("Content-Type", "application/json;charset=UTF-8")
            .ExpectBody(BadRequest);

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Json_Null_Counts_As_Absent_Even_Over_The_Query()
    {
        await using var c = await Conversation.StartAsync(Seed);

        (await c.Admin.Send("POST", SeedQuery, SeedApi.Json("""{"token":null}"""))).ExpectStatus(400).ExpectBody(BadRequest);
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Json_Number_Counts_As_Its_Text()
    {
        await using var c = await Conversation.StartAsync(s => With(s, Entry("123", "4.50")));
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", Clear, SeedApi.Json("""{"token":123,"access_token":4.50}"""))).ExpectStatus(200).ExpectBody("{}");

        await c.ExpectClearedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("""{"token":true,"access_token":"efe1e36e4d60fcd547e22eb9f795dff9"}""")]
    [InlineData("""{"token":["efe1e36e4d60fcd547e22eb9f795dff9"],"access_token":"efe1e36e4d60fcd547e22eb9f795dff9"}""")]
    [InlineData("""{"token":"efe1e36e4d60fcd547e22eb9f795dff9","access_token":{"v":"efe1e36e4d60fcd547e22eb9f795dff9"}}""")]
    public async Task Other_Json_Values_Count_As_Present_And_Never_Match(string body)
    {
        await using var c = await Conversation.StartAsync(Seed);
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", SeedQuery, SeedApi.Json(body))).ExpectStatus(401).ExpectBody(Unauthorized);

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("?TOKEN=" + Token + "&Access_Token=" + Token, null)]
    [InlineData("", "TOKEN=" + Token + "&Access_Token=" + Token)]
    public async Task Query_And_Form_Names_Match_In_Any_Case(string query, string? form)
    {
        await using var c = await Conversation.StartAsync(Seed);
        await c.CacheAsync("/a");

        var body = form is null ? null : SeedApi.Body(form, "application/x-www-form-urlencoded");
        (await c.Admin.Send("POST", Clear + query, body)).ExpectStatus(200).ExpectBody("{}");

        await c.ExpectClearedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Json_Member_Names_Match_Exactly()
    {
        await using var c = await Conversation.StartAsync(Seed);

        (await c.Admin.Send("POST", Clear, SeedApi.Json($$"""{"TOKEN":"{{Token}}","access_token":"{{Token}}"}"""))).ExpectStatus(400).ExpectBody(BadRequest);
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("?token=&access_token=" + Token)]
    [InlineData("?token=unknown&access_token=" + Token)]
    [InlineData("?token=EFE1E36E4D60FCD547E22EB9F795DFF9&access_token=" + Token)]
    [InlineData("?token=" + Token + "&access_token=wrong")]
    [InlineData("?token=" + Token + "&access_token=")]
    public async Task An_Unknown_Token_Or_A_Wrong_Access_Token_Is_401(string query)
    {
        await using var c = await Conversation.StartAsync(Seed);
        await c.CacheAsync("/a");

        (await c.Admin.Get(Clear + query)).ExpectStatus(401).ExpectBody(Unauthorized);

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Token_Without_Any_Configured_Tokens_Is_401()
    {
        await using var c = await Conversation.StartAsync();

        (await c.Admin.Get(SeedQuery)).ExpectStatus(401).ExpectBody(Unauthorized);
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("right")]
    [InlineData("wrong")]
    public async Task A_Disabled_Token_Is_400_Whatever_The_Access_Token(string accessToken)
    {
        await using var c = await Conversation.StartAsync(s => With(s, Entry("off", "right", enabled: false)));
        await c.CacheAsync("/a");

        (await c.Admin.Get($"{Clear}?token=off&access_token={accessToken}")).ExpectStatus(400).ExpectBody(BadRequest);

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Token_Over_Its_Call_Limit_Is_400_And_Failed_Calls_Do_Not_Count()
    {
        await using var c = await Conversation.StartAsync(s => With(s, Entry("limited", "secret", limitCalls: 2)));
        await c.CacheAsync("/a");

        (await c.Admin.Get($"{Clear}?token=limited&access_token=wrong")).ExpectStatus(401);
        (await c.Admin.Get($"{Clear}?token=limited&access_token=secret")).ExpectStatus(200);
        (await c.Admin.Get($"{Clear}?token=limited&access_token=secret")).ExpectStatus(200);
        (await c.Admin.Get($"{Clear}?token=limited&access_token=secret")).ExpectStatus(400).ExpectBody(BadRequest);

        Assert.Equal(2, c.Server.Purges.Audit.Snapshot().Length);
        Assert.All(c.Server.Purges.Audit.Snapshot(), purge => Assert.Equal("flextype token #1", purge.Who));
        await c.ExpectClearedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task An_Access_Token_Configured_As_Its_Sha256_Is_Accepted()
    {
        var hashed = new Configuration.FlextypeTokenSettings(
            Security.SecretHash.Of("hashed"), Convert.FromHexString("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"), true, 0);
        await using var c = await Conversation.StartAsync(s => With(s, hashed));
        await c.CacheAsync("/a");

        (await c.Admin.Get($"{Clear}?token=hashed&access_token=test")).ExpectStatus(200);

        await c.ExpectClearedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }
}
