// The README's first command: `lacquer` with no configuration serves the bundled demo, and the README's curl
// lines see a MISS turn into a HIT. Runs the real executable, with ephemeral ports so it cannot collide.
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Lacquer.Hosting;

public sealed partial class DemoTests
{
    [Fact]
    public async Task Demo_Serves_A_Miss_Then_A_Hit_And_Reports_Stats()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "lacquer.dll"), "--demo", "--listen:proxy=http://127.0.0.1:0", "--listen:admin=http://127.0.0.1:0"])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            var (proxy, admin) = await ReadListenersAsync(process).WaitAsync(TimeSpan.FromSeconds(60));
            using var http = new HttpClient();

            using var first = await http.SendAsync(Get(proxy, "/"));
            Assert.Equal("Lacquer; fwd=miss; stored; ttl=", StoredPrefix(first));
            using var second = await http.SendAsync(Get(proxy, "/"));
            Assert.Equal("Lacquer; hit", second.Headers.GetValues("Cache-Status").Single());
            using var never = await http.SendAsync(Get(proxy, "/api/time"));
            Assert.Equal("Lacquer; fwd=miss; detail=response-no-store", never.Headers.GetValues("Cache-Status").Single());

            var stats = await http.GetStringAsync(new Uri(admin, "/api/stats"));
            Assert.Contains("\"demo\":{\"hits\":1,\"misses\":2", stats, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static HttpRequestMessage Get(Uri proxy, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(proxy, path));
        request.Headers.Host = "localhost";
        return request;
    }

    private static string StoredPrefix(HttpResponseMessage response)
    {
        var value = response.Headers.GetValues("Cache-Status").Single();
        return value[..(value.LastIndexOf('=') + 1)];
    }

    private static async Task<(Uri Proxy, Uri Admin)> ReadListenersAsync(Process process)
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            var match = ListenersLine().Match(line);
            if (match.Success)
            {
                return (new Uri(match.Groups[1].Value), new Uri(match.Groups[2].Value));
            }
        }

        throw new InvalidOperationException("lacquer exited before printing its listeners: " + await process.StandardError.ReadToEndAsync());
    }

    [GeneratedRegex(@"Lacquer proxy on (\S+), admin on (\S+)\.")]
    private static partial Regex ListenersLine();
}
