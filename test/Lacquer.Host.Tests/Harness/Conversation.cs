// A conversation test's world (conversation tests read like HTTP transcripts): a scripted origin, the real Lacquer listeners on ephemeral
// loopback ports, a manual clock and an HTTP client. A test ends with c.Origin.ExpectAllConsumed(), which
// fails it on any request nobody expected and on any scripted exchange that was never used. (Disposing does
// not check: an exception thrown there would hide the test's own failure.)
using Lacquer.Configuration;
using Lacquer.Hosting;
using Microsoft.Extensions.Logging;

namespace Lacquer.Harness;

internal sealed class Conversation : IAsyncDisposable
{
    private Conversation(ScriptedOrigin origin, LacquerServer server, ManualTimeProvider clock)
    {
        Origin = origin;
        Server = server;
        Clock = clock;
        Client = new ProxyClient(server.ProxyUri, TestSettings.Host);
        Admin = new ProxyClient(server.AdminUri, "127.0.0.1");
    }

    public ScriptedOrigin Origin { get; }

    public LacquerServer Server { get; }

    public ManualTimeProvider Clock { get; }

    /// <summary>A client of the proxy listener that sends Host: test.example.</summary>
    public ProxyClient Client { get; }

    /// <summary>A client of the admin listener.</summary>
    public ProxyClient Admin { get; }

    /// <param name="configure">Adjusts the settings built for the origin (cache limits, zone policy).</param>
    /// <param name="logging">Replaces the default (no logging), e.g. to capture log lines.</param>
    public static async Task<Conversation> StartAsync(Func<LacquerSettings, LacquerSettings>? configure = null, Action<ILoggingBuilder>? logging = null)
    {
        var clock = new ManualTimeProvider();
        var origin = await ScriptedOrigin.StartAsync(clock);
        var settings = TestSettings.For(TestSettings.Zone(origin.Uri));
        if (configure is not null)
        {
            settings = configure(settings);
        }

        var server = await LacquerServer.StartAsync(settings, clock, logging ?? (builder => builder.SetMinimumLevel(LogLevel.None)));
        return new Conversation(origin, server, clock);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await Server.DisposeAsync();
        await Origin.DisposeAsync();
    }
}
