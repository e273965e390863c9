// A real HTTP origin on 127.0.0.1 with an ephemeral port that answers only what the test scripted.
// Any request nobody scripted is answered 599 and recorded; ExpectAllConsumed fails the test on it, and on
// any scripted exchange that was never used (conversation tests read like HTTP transcripts). Responses carry a Date from the test's clock
// (unless the script sets one), so ages and freshness follow the manual clock, not the wall clock.
using System.Collections.Concurrent;
using Lacquer.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Lacquer.Harness;

internal sealed class ScriptedOrigin : IAsyncDisposable
{
    private readonly OriginScript<HttpContext> _script = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly TimeProvider _clock;
    private WebApplication _app = null!;
    private int _requestCount;

    private ScriptedOrigin(TimeProvider clock) => _clock = clock;

    public Uri Uri { get; private set; } = null!;

    /// <summary>Requests the origin received, in arrival order.</summary>
    public IReadOnlyCollection<ReceivedRequest> Received => _received;

    public int RequestCount => Volatile.Read(ref _requestCount);

    public static async Task<ScriptedOrigin> StartAsync(TimeProvider clock)
    {
        var origin = new ScriptedOrigin(clock);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);
        builder.Logging.ClearProviders();
        origin._app = builder.Build();
        origin._app.Run(origin.ServeAsync);
        await origin._app.StartAsync();
        origin.Uri = BoundAddress.Of(origin._app);
        return origin;
    }

    public OriginExchange<HttpContext> On(string method, string target) => _script.On(method, target);

    public OriginExchange<HttpContext> OnGet(string target) => On("GET", target);

    public void ExpectAllConsumed()
    {
        Assert.True(_unexpected.IsEmpty, "The origin received requests nobody scripted: " + string.Join("; ", _unexpected));
        _script.AssertAllUsed("origin");
    }

    private async Task ServeAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requestCount);
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        _received.Enqueue(new ReceivedRequest(context.Request.Method, target, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        var match = _script.Take(context.Request.Method, target);
        if (match is null)
        {
            _unexpected.Enqueue($"{context.Request.Method} {target}");
            context.Response.StatusCode = 599;
            await context.Response.WriteAsync($"unexpected request: {context.Request.Method} {target}");
            return;
        }

        var date = _clock.GetUtcNow();
        context.Response.OnStarting(() =>
        {
            if (!context.Response.Headers.ContainsKey("Date"))
            {
                context.Response.Headers.Date = date.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        });
        await match.Handler(context);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record ReceivedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers);
