// The service cache clear has no authentication in the seed; with compat:serviceCache:token set it takes
// "Authorization: Bearer <token>" and answers 401 in FastAPI's HTTPBearer shape otherwise.
using Lacquer.Configuration;
using Lacquer.Harness;
using Lacquer.Security;

namespace Lacquer.Purge.Api.ServiceCache;

public sealed class ServiceCacheAccessTests
{
    private const string Clear = "/api/system/cache/clear";

    private static LacquerSettings WithToken(LacquerSettings s) =>
        s with { Compat = s.Compat with { ServiceCache = new OpenSurfaceSettings(true, SecretHash.Of("svc-t0ken"), false) } };

    [Theory]
    [InlineData(new string[0], """{"detail":"Not authenticated"}""")]
    [InlineData(new[] { "Authorization: Bearer wrong" }, """{"detail":"Invalid authentication credentials"}""")]
    [InlineData(new[] { "Authorization: Bearer " }, """{"detail":"Invalid authentication credentials"}""")]
    [InlineData(new[] { "Authorization: Basic c3ZjLXQwa2Vu" }, """{"detail":"Invalid authentication credentials"}""")]
    [InlineData(new[] { "Authorization: Bearer SVC-T0KEN" }, """{"detail":"Invalid authentication credentials"}""")]
    public async Task With_A_Token_Configured_Missing_Or_Wrong_Credentials_Are_401(string[] headers, string body)
    {
        await using var c = await Conversation.StartAsync(WithToken);
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", Clear, SeedApi.Json("{}"), headers)).ExpectStatus(401)
            .ExpectHeader("WWW-Authenticate", "Bearer")
            .ExpectBody(body);

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task With_A_Token_Configured_The_Right_Bearer_Token_Clears_And_Is_Named_In_The_Audit()
    {
        await using var c = await Conversation.StartAsync(WithToken);
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", Clear, SeedApi.Json("{}"), "Authorization: Bearer svc-t0ken")).ExpectStatus(200);

        await c.ExpectClearedAsync("/a");
        Assert.Equal("service-cache token", c.SinglePurge().Who);
        c.Origin.ExpectAllConsumed();
    }
}
