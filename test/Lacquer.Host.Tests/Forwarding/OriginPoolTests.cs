// Origin pools through real sockets: two Kestrel origins share a zone's traffic (round-robin); one stopped
// mid-test leaves the other answering every request (a refused connection is retried on the other origin and
// takes the stopped one out of rotation), /api/stats shows it out, and it is back once a probe sees it healthy.
// With no origin healthy, a stored response is served stale where allowed and anything else is a plain-text 503.
// A reload that changes the pool sends the next request to the new origins. Probes run on the manual clock: the
// test moves it and waits on the pool's verdicts, never on real time.
using System.Text.Json;
using Lacquer.Configuration;
using Lacquer.Harness;

namespace Lacquer.Forwarding;

public sealed class OriginPoolTests
{
    private static readonly HealthCheckSettings Probe = new("/healthz", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), 1, 1, TimeSpan.FromSeconds(30));

    private static ZoneSettings Pooled(ZoneSettings zone, Uri[] origins, HealthCheckSettings? health = null) => zone with
    {
        Origin = origins[0],
        Pool = new OriginPoolSettings(origins, LoadBalancingPolicy.RoundRobin, health ?? HealthCheckSettings.Default, Http2: false, ValidateCertificates: true),
    };

    [Fact]
    public async Task One_Of_Two_Origins_Stopping_Leaves_The_Other_Serving_And_It_Returns_When_The_Probe_Sees_It_Healthy()
    {
        await using var a = await KestrelOrigin.StartAsync("a");
        await using var b = await KestrelOrigin.StartAsync("b");
        await using var c = await Conversation.StartAsync(s => s with { Zones = [Pooled(s.Zones[0], [a.Uri, b.Uri], Probe)] });

        // Round-robin: each origin answers half.
        var bodies = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            bodies.Add((await c.Client.Get("/page")).ExpectStatus(200).Text);
        }

        Assert.Equal(2, bodies.Count(body => body == "a"));
        Assert.Equal(2, bodies.Count(body => body == "b"));

        // b goes down: every request still succeeds, through a.
        await b.StopAsync();
        for (var i = 0; i < 6; i++)
        {
            (await c.Client.Get("/page")).ExpectStatus(200).ExpectBody("a");
        }

        var health = await OriginHealth(c);
        Assert.Equal((true, "unknown", "healthy"), health[a.Uri.OriginalString]);
        Assert.Equal((false, "unknown", "unhealthy"), health[b.Uri.OriginalString]);

        // b comes back; it rejoins once a probe round has seen it healthy.
        await b.RestartAsync();
        var pool = c.Server.Proxy.Origin.Pools.ById[TestSettings.ZoneId];
        c.Clock.Advance(Probe.Interval);
        await Progress.Until(() => pool.Origins[1].IsAvailable(c.Clock.GetUtcNow()), "the probe sees b healthy again");
        health = await OriginHealth(c);
        Assert.Equal((true, "healthy", "healthy"), health[b.Uri.OriginalString]);

        var before = b.PageRequests;
        for (var i = 0; i < 4; i++)
        {
            (await c.Client.Get("/page")).ExpectStatus(200);
        }

        Assert.Equal(before + 2, b.PageRequests);
    }

    [Fact]
    public async Task Without_A_Probe_An_Origin_That_Failed_On_Traffic_Is_Tried_Again_After_ReactivateAfter()
    {
        await using var a = await KestrelOrigin.StartAsync("a");
        await using var b = await KestrelOrigin.StartAsync("b");
        await using var c = await Conversation.StartAsync(s => s with { Zones = [Pooled(s.Zones[0], [a.Uri, b.Uri])] });
        await b.StopAsync();

        // The refused connection is retried on a, and b leaves the rotation.
        for (var i = 0; i < 4; i++)
        {
            (await c.Client.Get("/page")).ExpectStatus(200).ExpectBody("a");
        }

        // b is back, but out of rotation until reactivateAfter: round-robin would give it every other request.
        await b.RestartAsync();
        for (var i = 0; i < 4; i++)
        {
            (await c.Client.Get("/page")).ExpectStatus(200).ExpectBody("a");
        }

        Assert.Equal(0, b.PageRequests);

        // Once reactivateAfter has passed on the clock, b is in rotation again.
        c.Clock.Advance(HealthCheckSettings.Default.ReactivateAfter);
        for (var i = 0; i < 4; i++)
        {
            (await c.Client.Get("/page")).ExpectStatus(200);
        }

        Assert.Equal(2, b.PageRequests);
    }

    [Fact]
    public async Task With_No_Origin_Healthy_A_Stored_Response_Is_Served_Stale_And_Anything_Else_Is_A_Plain_503()
    {
        await using var c = await Conversation.StartAsync(s => s with { Zones = [Pooled(s.Zones[0], [s.Zones[0].Origin], Probe)] });
        c.Origin.OnGet("/healthz").Reply(503, "down").Always();
        c.Origin.OnGet("/stored").Reply(200, "stored body", "Cache-Control: max-age=1");
        (await c.Client.Get("/stored")).ExpectStatus(200).ExpectStored();

        // The probe finds the only origin unhealthy (one failure is the threshold).
        var pool = c.Server.Proxy.Origin.Pools.ById[TestSettings.ZoneId];
        c.Clock.Advance(TimeSpan.FromSeconds(5));
        await Progress.Until(() => !pool.Origins[0].IsAvailable(c.Clock.GetUtcNow()), "the probe sees the origin unhealthy");
        Assert.Equal((false, "unhealthy", "healthy"), (await OriginHealth(c))[c.Origin.Uri.OriginalString]);

        (await c.Client.Get("/stored")).ExpectStatus(200).ExpectBody("stored body").ExpectHeader("Cache-Status", "Lacquer; hit; detail=stale-if-error");
        (await c.Client.Get("/other")).ExpectStatus(503)
            .ExpectHeader("Content-Type", "text/plain; charset=utf-8")
            .ExpectHeader("Cache-Status", "Lacquer; fwd=miss; detail=no-healthy-origin")
            .ExpectBody("Lacquer: no origin of this site is healthy.\n");
        Assert.DoesNotContain(c.Origin.Received, request => request.Target == "/other");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Reload_That_Changes_The_Pool_Sends_The_Next_Request_To_The_New_Origins()
    {
        await using var a = await KestrelOrigin.StartAsync("a");
        await using var b = await KestrelOrigin.StartAsync("b");
        LacquerSettings? started = null;
        await using var c = await Conversation.StartAsync(s => started = s with { Zones = [Pooled(s.Zones[0], [a.Uri])] });
        (await c.Client.Get("/page")).ExpectStatus(200).ExpectBody("a");

        var status = c.Server.Reload(new ConfigResult(started! with { Zones = [Pooled(started.Zones[0], [b.Uri])] }, []));

        Assert.True(status.LastReloadApplied);
        (await c.Client.Get("/page")).ExpectStatus(200).ExpectBody("b");
        Assert.Equal(1, a.PageRequests);
        Assert.Equal([b.Uri], c.Server.Proxy.Origin.Pools.ById[TestSettings.ZoneId].Origins.Select(origin => origin.Url));
    }

    [Fact]
    public async Task An_Origin_Configured_For_Http2_Is_Spoken_To_In_Http2()
    {
        await using var origin = await KestrelOrigin.StartAsync("h2", http2Only: true);
        await using var c = await Conversation.StartAsync(s => s with
        {
            Zones = [Pooled(s.Zones[0], [origin.Uri]) with { Pool = OriginPoolSettings.Single(origin.Uri) with { Http2 = true } }],
        });

        (await c.Client.Get("/page")).ExpectStatus(200).ExpectBody("h2");

        Assert.Equal(["HTTP/2"], origin.Protocols);
    }

    [Fact]
    public async Task An_Https_Origin_Certificate_Is_Validated_Unless_The_Zone_Turns_It_Off()
    {
        using var certificate = SelfSigned();
        await using var origin = await KestrelOrigin.StartAsync("tls", certificate: certificate);
        Assert.Equal("https", origin.Uri.Scheme);
        await using var c = await Conversation.StartAsync(s => s with
        {
            Zones =
            [
                Pooled(s.Zones[0], [origin.Uri]),
                Pooled(TestSettings.Zone(origin.Uri, name: "insecure", host: "insecure.example", id: "fedcba9876543210fedcba9876543210"), [origin.Uri])
                    with { Pool = OriginPoolSettings.Single(origin.Uri) with { ValidateCertificates = false } },
            ],
        });

        // A self-signed certificate is not trusted: the origin is not reached with it.
        (await c.Client.Get("/page")).ExpectStatus(502).ExpectHeader("Cache-Status", "Lacquer; fwd=miss; detail=origin-unreachable");
        Assert.Equal(0, origin.PageRequests);

        using var insecure = new ProxyClient(c.Client.Listener, "insecure.example");
        (await insecure.Get("/page")).ExpectStatus(200).ExpectBody("tls");
    }

    /// <summary>A certificate for 127.0.0.1 made now, valid for a day; its key never leaves the test.</summary>
    private static System.Security.Cryptography.X509Certificates.X509Certificate2 SelfSigned()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=127.0.0.1", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var names = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(
            made.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx), password: null);
    }

    /// <summary>The zone's origins as /api/stats reports them: URL → (available, active, passive).</summary>
    private static async Task<Dictionary<string, (bool Available, string Active, string Passive)>> OriginHealth(Conversation c)
    {
        var exchange = (await c.Admin.Get("/api/stats")).ExpectStatus(200);
        using var json = JsonDocument.Parse(exchange.Body);
        return json.RootElement.GetProperty("zones").GetProperty("test").GetProperty("origins").EnumerateArray().ToDictionary(
            origin => origin.GetProperty("url").GetString()!,
            origin => (origin.GetProperty("available").GetBoolean(), origin.GetProperty("active").GetString()!, origin.GetProperty("passive").GetString()!));
    }
}
