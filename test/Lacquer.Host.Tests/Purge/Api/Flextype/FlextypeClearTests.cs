// docs/compat.md, "Flextype", GET or POST /api/v1/cache/clear with token and access_token from the query or the body.
using Lacquer.Harness;
using static Lacquer.Purge.Api.Flextype.FlextypeTestSettings;

namespace Lacquer.Purge.Api.Flextype;

public sealed class FlextypeClearTests
{
    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task The_Seeds_Request_Clears_Every_Zone_And_Answers_200_With_An_Empty_Object(string method)
    {
        await using var c = await Conversation.StartAsync(s => Seed(SeedApi.WithOtherZone(s)));
        await c.CacheAsync("/a");
        await c.CacheAsync("/b", SeedApi.OtherHost);

        (await c.Admin.Send(method, SeedQuery, null)).ExpectStatus(200)
            .ExpectHeader("Content-Type", "application/json;charset=UTF-8")
            .ExpectBody("{}");

        await c.ExpectClearedAsync("/a");
        await c.ExpectClearedAsync("/b", SeedApi.OtherHost);
        var purge = c.SinglePurge();
        Assert.Equal(("flextype", "flextype token #0"), (purge.Surface, purge.Who));
        Assert.Equal(["test", "other"], purge.Zones);
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("""{"token":"efe1e36e4d60fcd547e22eb9f795dff9","access_token":"efe1e36e4d60fcd547e22eb9f795dff9"}""", "application/json")]
    [InlineData("token=efe1e36e4d60fcd547e22eb9f795dff9&access_token=efe1e36e4d60fcd547e22eb9f795dff9", "application/x-www-form-urlencoded")]
    public async Task Parameters_May_Come_In_A_Json_Or_Form_Body(string body, string contentType)
    {
        await using var c = await Conversation.StartAsync(Seed);
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", Clear, SeedApi.Body(body, contentType))).ExpectStatus(200).ExpectBody("{}");

        await c.ExpectClearedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Body_Value_Wins_Over_The_Query()
    {
        await using var c = await Conversation.StartAsync(Seed);
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", SeedQuery, SeedApi.Json("""{"access_token":"wrong"}"""))).ExpectStatus(401).ExpectBody(Unauthorized);
        await c.ExpectStillCachedAsync("/a");
        (await c.Admin.Send("POST", Clear + "?token=wrong&access_token=wrong", SeedApi.Json($$"""{"token":"{{Token}}","access_token":"{{Token}}"}"""))).ExpectStatus(200);
        await c.ExpectClearedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("{\"token\": ", "application/json")]
    [InlineData("[1, 2]", "application/json")]
    [InlineData("<token>x</token>", "text/xml")]
    [InlineData("{\"token\":\"\\ud800\",\"access_token\":\"efe1e36e4d60fcd547e22eb9f795dff9\"}", "application/json")]
    [InlineData("{\"token\":\"efe1e36e4d60fcd547e22eb9f795dff9\",\"access_token\":\"\\udc00x\"}", "application/json")]
    [InlineData("{\"token\":\"x\",\"token\":\"efe1e36e4d60fcd547e22eb9f795dff9\",\"access_token\":\"efe1e36e4d60fcd547e22eb9f795dff9\"}", "application/json")]
    public async Task A_Body_That_Does_Not_Parse_Counts_As_No_Body(string body, string contentType)
    {
        await using var c = await Conversation.StartAsync(Seed);
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", Clear, SeedApi.Body(body, contentType))).ExpectStatus(400).ExpectBody(BadRequest);
        await c.ExpectStillCachedAsync("/a");
        (await c.Admin.Send("POST", SeedQuery, SeedApi.Body(body, contentType))).ExpectStatus(200);
        await c.ExpectClearedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task The_Success_Status_Can_Be_204_With_No_Body_As_Flextype_Sends()
    {
        await using var c = await Conversation.StartAsync(s =>
        {
            var seeded = Seed(s);
            return seeded with { Compat = seeded.Compat with { Flextype = seeded.Compat.Flextype with { SuccessStatus = 204 } } };
        });
        await c.CacheAsync("/a");

        (await c.Admin.Get(SeedQuery)).ExpectStatus(204).ExpectBody(string.Empty).ExpectHeader("Content-Type", "application/json;charset=UTF-8");

        await c.ExpectClearedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Other_Methods_Are_405_And_Clear_Nothing(string method)
    {
        await using var c = await Conversation.StartAsync(Seed);
        await c.CacheAsync("/a");

        (await c.Admin.Send(method, SeedQuery, null)).ExpectStatus(405)
            .ExpectHeader("Allow", "GET, POST")
            .ExpectBody("""{"title":"Method Not Allowed","message":"The request method is not supported for the requested resource.","http_status_code":405}""");

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Body_Over_64_KiB_Is_413()
    {
        await using var c = await Conversation.StartAsync(Seed);
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", SeedQuery, SeedApi.Json("\"" + new string('x', FlextypeEndpoint.MaxBodyBytes) + "\""))).ExpectStatus(413)
            .ExpectBody("""{"title":"Payload Too Large","message":"The request body is larger than 65536 bytes","http_status_code":413}""");

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Switched_Off_The_Route_Is_Not_There()
    {
        await using var c = await Conversation.StartAsync(s =>
        {
            var seeded = Seed(s);
            return seeded with { Compat = seeded.Compat with { Flextype = seeded.Compat.Flextype with { Enabled = false } } };
        });
        await c.CacheAsync("/a");

        (await c.Admin.Get(SeedQuery)).ExpectStatus(404);

        await c.ExpectStillCachedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }
}
