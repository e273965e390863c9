// GET /metrics on the admin listener (docs/observability.md): after a known conversation the Prometheus
// exposition passes promtool's checks and its key series hold exactly what happened.
using Lacquer.Harness;

namespace Lacquer.Diagnostics;

public sealed class MetricsTests
{
    private static readonly string Zone = "zone=\"test\"";

    [Fact]
    public async Task Metrics_Count_Miss_Hit_Pass_And_Purge_And_Pass_Promtool()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60");
        c.Origin.OnGet("/n").Reply(200, "never", "Cache-Control: no-store");
        c.Origin.OnGet("/a").Reply(200, "a2", "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss().ExpectStored().ExpectBody("a1");
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("a1");
        (await c.Client.Get("/n")).ExpectNotStored("response-no-store");
        (await c.Client.Send("PURGE", "/a", null)).ExpectStatus(200);
        (await c.Client.Get("/a")).ExpectMiss().ExpectStored().ExpectBody("a2");
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("a2");

        var scrape = await c.Admin.Get("/metrics");
        scrape.ExpectStatus(200);
        Assert.StartsWith("text/plain", scrape.Header("Content-Type"), StringComparison.Ordinal);
        await Promtool.ExpectValid(scrape.Text);
        var metrics = new Exposition(scrape.Text);

        Assert.Equal(2, metrics.Value("lacquer_proxy_requests_total", Zone, "cache_status=\"hit\""));
        Assert.Equal(2, metrics.Value("lacquer_proxy_requests_total", Zone, "cache_status=\"miss\""));
        Assert.Equal(1, metrics.Value("lacquer_proxy_requests_total", Zone, "cache_status=\"pass\""));
        Assert.Equal(1, metrics.Value("lacquer_proxy_requests_total", Zone, "cache_status=\"purge\""));
        Assert.Equal(0, metrics.Value("lacquer_proxy_requests_total", Zone, "cache_status=\"stale\""));
        Assert.Equal(2, metrics.Value("lacquer_proxy_request_duration_seconds_count", Zone, "cache_status=\"hit\""));
        Assert.Equal(3, metrics.Value("lacquer_origin_fetch_duration_seconds_count", Zone));
        Assert.Equal(1, metrics.Value("lacquer_cache_not_stored_total", Zone, "reason=\"response-no-store\""));
        Assert.Equal(1, metrics.Value("lacquer_cache_objects", Zone));
        Assert.Equal(c.Server.Proxy.Store.StoredBytes, metrics.Value("lacquer_cache_stored_bytes", Zone));
        Assert.Equal(0, metrics.Value("lacquer_cache_evictions_total", Zone));

        string[] purge = ["surface=\"purge-method\"", "selector=\"url\"", "mode=\"hard\""];
        Assert.Equal(1, metrics.Value("lacquer_purges_total", purge));
        Assert.Equal(1, metrics.Value("lacquer_purge_matched_objects_total", purge));
        Assert.Equal(1, metrics.Value("lacquer_purge_duration_seconds_count", purge));

        Assert.False(metrics.Has("lacquer_origin_errors_total"), "no origin failed");
        Assert.False(metrics.Has("lacquer_cache_coalesced_waiters_total"), "no request waited on another");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Metrics_Count_Origin_Errors_By_Kind()
    {
        await using var c = await Conversation.StartAsync(s => s with
        {
            Zones = [s.Zones[0] with { Origin = new Uri($"http://127.0.0.1:{LoopbackPort.Unused()}") }],
        });

        (await c.Client.Get("/down")).ExpectStatus(502);

        var metrics = new Exposition((await c.Admin.Get("/metrics")).ExpectStatus(200).Text);
        Assert.Equal(1, metrics.Value("lacquer_origin_errors_total", Zone, "kind=\"unreachable\""));
        Assert.Equal(1, metrics.Value("lacquer_proxy_requests_total", Zone, "cache_status=\"error\""));
    }
}
