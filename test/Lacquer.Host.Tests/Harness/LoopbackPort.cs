// Ports on 127.0.0.1 for tests that need an address nobody answers on.
using System.Net;
using System.Net.Sockets;

namespace Lacquer.Harness;

internal static class LoopbackPort
{
    /// <summary>
    /// A port that was free a moment ago: bound to port 0, read back and released. Nothing in the test
    /// process binds explicit ports (every server takes port 0 from the kernel's ephemeral range, which
    /// cycles rather than reusing the last port), so a connection to it is refused.
    /// </summary>
    public static int Unused()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
