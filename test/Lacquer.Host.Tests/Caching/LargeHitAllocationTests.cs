// A large hit is written from the stored body in 64 KiB pieces (Proxy/ResponseBody.cs) through a proxy listener
// whose socket transport schedules inline (Hosting/LacquerServer.cs): each piece is copied and sent by one
// thread, with no thread-pool hop per piece. Measured as the whole process's allocations around hits through
// the real listener, read by a client that reuses one buffer and a small receive buffer (so that sends fill the
// socket and complete later, as with a real client), so that what is counted is the proxy's.
using System.Text;
using Lacquer.Harness;

namespace Lacquer.Caching;

[Collection(AllocationMeasurement.Name)]
public sealed class LargeHitAllocationTests
{
    private const int ObjectBytes = 1024 * 1024;
    private const int Hits = 40;
    private const int Batches = 4;
    private static readonly byte[] Request = Encoding.ASCII.GetBytes($"GET /big HTTP/1.1\r\nHost: {TestSettings.Host}\r\n\r\n");

    [Fact]
    public async Task A_Large_Hit_Allocates_Little_Beyond_Its_Head()
    {
        await using var c = await Conversation.StartAsync();
        var body = Bodies.Pattern(ObjectBytes, seed: 31);
        c.Origin.OnGet("/big").Handle(async context =>
        {
            context.Response.Headers.CacheControl = "max-age=600";
            await context.Response.Body.WriteAsync(body);
        });
        (await c.Client.Get("/big")).ExpectMiss().ExpectStored();

        using var client = await CountingClient.ConnectAsync(c.Client.Listener, status: 200, receiveBufferSize: 16 * 1024);
        for (var i = 0; i < 10; i++)
        {
            await client.ExchangeAsync(Request); // warms the JIT and the pools up
        }

        var perHit = await AllocationMeasurement.LeastPerOperationAsync(Batches, Hits / Batches, async _ =>
        {
            for (var i = 0; i < Hits / Batches; i++)
            {
                Assert.Equal(ObjectBytes, await client.ExchangeAsync(Request));
            }
        });

        // With a thread-pool hop per piece a hit allocated 22-24 KB here (work items and boxed continuations, 16
        // pieces); inline, 3-10 KB.
        Assert.True(perHit < 16 * 1024, $"a 1 MiB hit allocated {perHit} bytes: each piece went through the thread pool");
        c.Origin.ExpectAllConsumed();
    }
}
