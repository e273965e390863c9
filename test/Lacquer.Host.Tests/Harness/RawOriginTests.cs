// The raw origin itself: disposing it never fails, even when a connection is being accepted at that moment (a
// test disposes its origin right after its last exchange, which on a loaded machine can be before the accept
// loop has asked for the next connection).
using System.Net;
using System.Net.Sockets;

namespace Lacquer.Harness;

public sealed class RawOriginTests
{
    [Fact]
    public async Task Disposing_While_A_Connection_Is_Being_Accepted_Does_Not_Throw()
    {
        const int rounds = 2000;
        var failures = new List<string>();
        for (var i = 0; i < rounds; i++)
        {
            var raw = RawOrigin.Start();
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, raw.Uri.Port);
            try
            {
                await raw.DisposeAsync();
            }
            catch (Exception exception)
            {
                failures.Add($"{exception.GetType().Name}: {exception.Message}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {rounds} disposals failed: {string.Join(" | ", failures.Distinct())}");
    }
}
