// `lacquer serve` in-process: the start-up banner a newcomer reads (listeners, zones with id and hosts, where the
// configuration came from, the demo's token and try-this lines), and configuration overrides in both of .NET's
// shapes reaching the validation.
using System.Net;
using System.Net.Sockets;
using System.Text;
using Lacquer.Demo;
using Lacquer.Harness;

namespace Lacquer.Cli;

public sealed class ServeTests
{
    [Fact]
    public async Task Demo_Banner_Names_Listeners_Zone_Token_And_Commands_To_Try()
    {
        var output = new BannerWriter();
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var serving = LacquerCli.RunAsync(
            ["serve", "--demo", "--listen:proxy=http://127.0.0.1:0", "--listen:admin", "http://127.0.0.1:0"],
            new CliEnvironment(output, error, _ => null),
            stop.Token);

        var banner = await output.Banner.Task.WaitAsync(TimeSpan.FromSeconds(60));
        using var proxy = new ProxyClient(Listener(banner, "proxy"), "localhost");
        var first = await proxy.Get("/");
        await stop.CancelAsync();
        var exitCode = await serving.WaitAsync(TimeSpan.FromSeconds(60));

        first.ExpectStatus(200).ExpectMiss();
        Assert.Equal(0, exitCode);
        Assert.Matches(@"^Lacquer proxy on http://127\.0\.0\.1:\d+/, admin on http://127\.0\.0\.1:\d+/\.", banner);
        Assert.Contains($"zone     demo  id {DemoConfiguration.ZoneId}  hosts localhost, 127.0.0.1", banner, StringComparison.Ordinal);
        Assert.Contains("config   the built-in demo configuration", banner, StringComparison.Ordinal);
        Assert.Contains($"token {DemoConfiguration.DemoToken}", banner, StringComparison.Ordinal);
        var admin = Listener(banner, "admin").GetLeftPart(UriPartial.Authority);
        Assert.Contains($"lacquer purge --tag product-1 --admin {admin} --token {DemoConfiguration.DemoToken}", banner, StringComparison.Ordinal);
        Assert.Contains($"curl -s -X POST {admin}/client/v4/zones/{DemoConfiguration.ZoneId}/purge_cache", banner, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error.ToString());
    }

    [Theory]
    [InlineData("--cache:maxBytes=lots")]
    [InlineData("--cache:maxBytes", "lots")]
    public async Task Overrides_Reach_The_Configuration_In_Both_Shapes(params string[] overrides)
    {
        var run = await CliRun.RunAsync(["serve", "--demo", "--listen:proxy=http://127.0.0.1:0", "--listen:admin=http://127.0.0.1:0", .. overrides]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("1 configuration error(s):\n  cache:maxBytes: ", run.Error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Port_In_Use_Is_Reported_In_One_Line_And_Exits_1()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;

            var run = await CliRun.RunAsync("--demo", $"--listen:proxy=http://127.0.0.1:{port}", "--listen:admin=http://127.0.0.1:0");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"lacquer: cannot start the listeners: Failed to bind to address http://127.0.0.1:{port}: address already in use.", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            taken.Stop();
        }
    }

    private static Uri Listener(string banner, string name)
    {
        var line = banner.Split('\n').Single(line => line.StartsWith($"  {name} ", StringComparison.Ordinal));
        return new Uri(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    /// <summary>Collects what serve prints and completes <see cref="Banner"/> once the banner's last line is written.</summary>
    private sealed class BannerWriter : TextWriter
    {
        private readonly StringBuilder _text = new();

        public TaskCompletionSource<string> Banner { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_text)
            {
                _text.Append(value);
                if (value is not null && value.Contains("Stop with Ctrl+C.", StringComparison.Ordinal))
                {
                    Banner.TrySetResult(_text.ToString().ReplaceLineEndings("\n"));
                }
            }
        }
    }
}
