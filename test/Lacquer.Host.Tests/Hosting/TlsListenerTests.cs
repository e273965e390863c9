// The proxy's own TLS and HTTP/2 listeners (docs/edge.md), through the real Kestrel listeners with certificates
// made at test time: HTTP/2 and HTTP/1.1 negotiated by ALPN, the certificate chosen by the server name (SNI),
// a renewed certificate served without a restart (and a broken renewal refused), h2c on a plain listener, and
// keys by scheme: what was served over TLS is keyed https, so an https URL purge removes it and only it.
using System.Net;
using Lacquer.Configuration;
using Lacquer.Harness;
using Lacquer.Security;

namespace Lacquer.Hosting;

public sealed class TlsListenerTests : IDisposable
{
    private const string ShopHost = "shop.example";
    private const string ShopZoneId = "5b0b5b0b5b0b5b0b5b0b5b0b5b0b5b0b";
    private static readonly Uri Plain = new("http://127.0.0.1:0");
    private static readonly Uri Tls = new("https://127.0.0.1:0");

    private readonly TestCertificates _files = new();

    [Fact]
    public async Task Https_Over_Http2_And_Http11_Gets_A_Miss_Then_Hits_Keyed_Apart_From_Plain_Http()
    {
        var site = _files.Write("site", "test.example", TestSettings.Host);
        await using var c = await Conversation.StartAsync(Listening([Plain, Tls], new CertificateSettings([], site.Certificate, site.Key)));
        var https = c.Server.ProxyUris[1];
        Assert.Equal("https", https.Scheme);
        c.Origin.OnGet("/page").Reply(200, "over tls", StoredEntries.CacheForAnHour);
        c.Origin.OnGet("/page").Reply(200, "plain", StoredEntries.CacheForAnHour);

        var (miss, subject, version) = await EdgeClient.Get(https, TestSettings.Host, "/page", HttpVersion.Version20);
        miss.ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody("over tls");
        Assert.Equal((HttpVersion.Version20, "CN=test.example"), (version, subject));

        var (hit2, _, version2) = await EdgeClient.Get(https, TestSettings.Host, "/page", HttpVersion.Version20);
        hit2.ExpectStatus(200).ExpectHit().ExpectBody("over tls");
        Assert.Equal(HttpVersion.Version20, version2);

        var (hit11, _, version11) = await EdgeClient.Get(https, TestSettings.Host, "/page", HttpVersion.Version11);
        hit11.ExpectStatus(200).ExpectHit().ExpectBody("over tls");
        Assert.Equal(HttpVersion.Version11, version11);

        // The plain listener keys http: its own miss, and the origin is told which scheme each client used.
        (await c.Client.Get("/page")).ExpectStatus(200).ExpectMiss().ExpectBody("plain");
        Assert.Equal(["https", "http"], c.Origin.Received.Select(request => request.Headers["X-Forwarded-Proto"].ToString()));
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task An_Https_Url_Purge_Removes_What_Was_Served_Over_Tls_And_Only_That()
    {
        var site = _files.Write("site", "test.example", TestSettings.Host);
        await using var c = await Conversation.StartAsync(settings => Listening([Plain, Tls], new CertificateSettings([], site.Certificate, site.Key))(PurgeTestSettings.Configure()(settings)));
        var https = c.Server.ProxyUris[1];
        c.Origin.OnGet("/a").Reply(200, "tls1", StoredEntries.CacheForAnHour);
        (await EdgeClient.Get(https, TestSettings.Host, "/a", HttpVersion.Version20)).Exchange.ExpectMiss().ExpectStored().ExpectBody("tls1");
        await c.Store("/a", "plain1");

        (await c.Admin.CloudflarePurge("""{"files":["https://test.example/a"]}""")).ExpectCloudflareSuccess();

        c.Origin.OnGet("/a").Reply(200, "tls2", StoredEntries.CacheForAnHour);
        (await EdgeClient.Get(https, TestSettings.Host, "/a", HttpVersion.Version20)).Exchange.ExpectMiss().ExpectBody("tls2");
        (await EdgeClient.Get(https, TestSettings.Host, "/a", HttpVersion.Version11)).Exchange.ExpectHit().ExpectBody("tls2");
        await c.ExpectHit("/a", "plain1");
        var record = c.Server.Purges.Audit.Snapshot()[0];
        Assert.Equal((1L, 0), (record.Matched, record.Notes.Count));
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task The_Server_Name_Chooses_The_Zones_Certificate_And_Any_Other_Name_Gets_The_Default()
    {
        var shop = _files.Write("shop", "shop", ShopHost);
        var fallback = _files.Write("default", "default", TestSettings.Host);
        await using var c = await Conversation.StartAsync(settings => Listening(
            [Tls],
            new CertificateSettings([ShopHost], shop.Certificate, shop.Key),
            new CertificateSettings([], fallback.Certificate, fallback.Key))(settings with
            {
                Zones = [.. settings.Zones, TestSettings.Zone(settings.Zones[0].Origin, name: "shop", host: ShopHost, id: ShopZoneId)],
            }));
        c.Origin.OnGet("/").Reply(200, "shop").Times(1);
        c.Origin.OnGet("/").Reply(200, "test").Times(1);

        var (toShop, shopSubject, _) = await EdgeClient.Get(c.Server.ProxyUri, ShopHost, "/", HttpVersion.Version20);
        var (toTest, testSubject, _) = await EdgeClient.Get(c.Server.ProxyUri, TestSettings.Host, "/", HttpVersion.Version20);
        var (toNobody, otherSubject, _) = await EdgeClient.Get(c.Server.ProxyUri, "unknown.example", "/", HttpVersion.Version20, nameMatch: false);

        toShop.ExpectStatus(200).ExpectBody("shop");
        toTest.ExpectStatus(200).ExpectBody("test");
        toNobody.ExpectStatus(421);
        Assert.Equal(("CN=shop", "CN=default", "CN=default"), (shopSubject, testSubject, otherSubject));
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Replaced_Pem_Files_Are_Served_Without_A_Restart_And_A_Broken_Replacement_Keeps_The_Last_Good_One()
    {
        var site = _files.Write("site", "first", TestSettings.Host);
        var log = new CapturedLog();
        await using var c = await Conversation.StartAsync(Listening([Tls], new CertificateSettings([], site.Certificate, site.Key)), log.Add);
        c.Origin.OnGet("/").Reply(200, "ok").Always();
        Assert.Equal("CN=first", (await EdgeClient.Get(c.Server.ProxyUri, TestSettings.Host, "/", HttpVersion.Version20)).Subject);

        // A renewal: both files replaced. The next handshake after the check interval serves the new certificate.
        _files.Write("site", "second", TestSettings.Host);
        c.Clock.Advance(CertificateFiles.CheckInterval);
        Assert.Equal("CN=second", (await EdgeClient.Get(c.Server.ProxyUri, TestSettings.Host, "/", HttpVersion.Version20)).Subject);

        // A broken one (a key of another certificate): refused, logged without key material, the last good one stays.
        var (_, otherKey) = TestCertificates.Make("third", TestSettings.Host);
        File.WriteAllText(site.Key, otherKey);
        c.Clock.Advance(CertificateFiles.CheckInterval);
        Assert.Equal("CN=second", (await EdgeClient.Get(c.Server.ProxyUri, TestSettings.Host, "/", HttpVersion.Version11)).Subject);
        var refused = Assert.Single(log.Lines, line => line.Message.Contains("TLS certificate change refused", StringComparison.Ordinal));
        Assert.Contains($"{site.Key}: the private key does not match the certificate's public key", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(otherKey.Split('\n')[1], refused.Message, StringComparison.Ordinal);

        // Once the pair is whole again it is served.
        _files.Write("site", "fourth", TestSettings.Host);
        c.Clock.Advance(CertificateFiles.CheckInterval);
        Assert.Equal("CN=fourth", (await EdgeClient.Get(c.Server.ProxyUri, TestSettings.Host, "/", HttpVersion.Version20)).Subject);
    }

    [Fact]
    public async Task A_Plain_H2c_Listener_Serves_Http2_With_Prior_Knowledge()
    {
        await using var c = await Conversation.StartAsync(settings => settings with
        {
            Listen = new ListenSettings([Plain], settings.Listen.Admin) { H2c = [Plain] },
        });
        c.Origin.OnGet("/h2c").Reply(200, "cleartext", StoredEntries.CacheForAnHour);

        var (miss, _, version) = await EdgeClient.Get(c.Server.ProxyUri, TestSettings.Host, "/h2c", HttpVersion.Version20);
        miss.ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody("cleartext");
        Assert.Equal(HttpVersion.Version20, version);
        var (hit, _, _) = await EdgeClient.Get(c.Server.ProxyUri, TestSettings.Host, "/h2c", HttpVersion.Version20);
        hit.ExpectStatus(200).ExpectHit().ExpectBody("cleartext");
        Assert.Equal("http", c.Origin.Received.Single().Headers["X-Forwarded-Proto"].ToString());
        c.Origin.ExpectAllConsumed();
    }

    public void Dispose() => _files.Dispose();

    private static Func<LacquerSettings, LacquerSettings> Listening(Uri[] proxy, params CertificateSettings[] certificates) => settings => settings with
    {
        Listen = new ListenSettings(proxy, settings.Listen.Admin),
        Tls = new TlsSettings(certificates),
    };
}
