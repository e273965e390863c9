// docs/compat.md, "Crafter"'s 500 row: a fault inside the endpoint (here injected through the zone table) answers
// {"message":"Internal server error"} and never a stack trace; nothing is purged.
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lacquer.Purge.Api.Crafter;

public sealed class CrafterInternalErrorTests
{
    [Fact]
    public async Task A_Fault_Answers_500_With_The_Documented_Body()
    {
        var purges = new PurgeService(new CacheStore(1024, new LruEvictionPolicy()), TimeProvider.System, NullLogger.Instance);
        var endpoint = new CrafterEndpoint(
            () => throw new InvalidOperationException("zone table unavailable: secret detail"), new CrafterSettings(true, Security.SecretHash.Of("defaultManagementToken")), purges, NullLogger.Instance);
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.QueryString = new QueryString("?token=defaultManagementToken");
        using var body = new MemoryStream();
        context.Response.Body = body;

        await endpoint.ClearAllAsync(context);

        Assert.Equal(500, context.Response.StatusCode);
        Assert.Equal("application/json", context.Response.ContentType);
        Assert.Equal("""{"message":"Internal server error"}""", System.Text.Encoding.UTF8.GetString(body.ToArray()));
        Assert.Empty(purges.Audit.Snapshot());
    }
}
