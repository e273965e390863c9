// Multi-range requests against a large stored object cost memory by the part, not by the multipart body: the
// body is written as a stream from the stored one (Proxy/MultipartByteRanges.cs), and overlapping ranges are
// coalesced so that no byte is sent twice. Measured as the whole process's allocations around requests through
// the real listener, read by a client that reuses one buffer, so that what is counted is the proxy's.
using System.Text;
using Lacquer.Harness;

namespace Lacquer.Caching;

[Collection(AllocationMeasurement.Name)]
public sealed class RangeMemoryTests
{
    private const int ObjectBytes = 7 * 1024 * 1024;
    private const int Parts = 16;
    private const int Rounds = 3;

    [Fact]
    public async Task Multi_Range_Requests_On_A_Large_Object_Allocate_Far_Less_Than_One_Copy_Of_It()
    {
        await using var c = await Conversation.StartAsync(s => s with { Cache = s.Cache with { MaxObjectBytes = 8 * 1024 * 1024 } });
        var body = Bodies.Pattern(ObjectBytes, seed: 21);
        c.Origin.OnGet("/big").Handle(async context =>
        {
            context.Response.Headers.CacheControl = "max-age=600";
            await context.Response.Body.WriteAsync(body);
        });
        (await c.Client.Get("/big")).ExpectMiss().ExpectStored();

        // Sixteen disjoint ranges covering the object (a multipart body the size of the object), and sixteen
        // whole-object ranges (sixteen times the object if each were sent).
        var slice = ObjectBytes / Parts;
        var disjoint = "bytes=" + string.Join(",", Enumerable.Range(0, Parts).Select(i => $"{i * slice}-{((i + 1) * slice) - 1}"));
        var overlapping = "bytes=" + string.Join(",", Enumerable.Repeat("0-", Parts));
        var disjointRequest = RangeRequest(disjoint);
        var overlappingRequest = RangeRequest(overlapping);
        using var client = await CountingClient.ConnectAsync(c.Client.Listener, status: 206, bufferBytes: 256 * 1024);
        await client.ExchangeAsync(disjointRequest); // warms the JIT and the pools up
        await client.ExchangeAsync(overlappingRequest);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var lengths = new List<long>();
        for (var i = 0; i < Rounds; i++)
        {
            lengths.Add(await client.ExchangeAsync(disjointRequest));
            lengths.Add(await client.ExchangeAsync(overlappingRequest));
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(
            allocated < ObjectBytes / 4,
            $"{2 * Rounds} multi-range responses ({lengths.Sum()} bytes) allocated {allocated} bytes: the multipart bodies were built in memory.");

        // The disjoint ranges came as one multipart body a little longer than the object; the overlapping ones as the object once.
        Assert.All(lengths.Where((_, i) => i % 2 == 0), length => Assert.InRange(length, ObjectBytes, ObjectBytes + (Parts * 200)));
        Assert.All(lengths.Where((_, i) => i % 2 == 1), length => Assert.Equal(ObjectBytes, length));
        c.Origin.ExpectAllConsumed();
    }

    private static byte[] RangeRequest(string range) =>
        Encoding.ASCII.GetBytes($"GET /big HTTP/1.1\r\nHost: {TestSettings.Host}\r\nRange: {range}\r\n\r\n");
}
