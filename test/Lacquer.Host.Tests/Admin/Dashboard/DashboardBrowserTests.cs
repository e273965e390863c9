// The dashboard in a real browser (headless Chromium) against a real Lacquer and a scripted origin: an
// operator enters a token, sees the zone's stored objects, purges a tag through the form and sees the purge
// in the log, and the next proxy request goes to the origin. A wrong or insufficient token shows the API's
// own 401/403 message. Origin health and cluster state are not in /api/stats yet, so their sections stay hidden.
using Lacquer.Configuration;
using Lacquer.Harness;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lacquer.Admin.Dashboard;

public sealed class DashboardBrowserTests
{
    private const string OpsSecret = "s3cr3t-ops-dashboard";
    private const string ReaderSecret = "s3cr3t-reader-dashboard";

    [Fact]
    public async Task Operator_Sees_Objects_Purges_A_Tag_And_Sees_It_Logged()
    {
        await using var c = await Conversation.StartAsync(Configure());
        c.Origin.OnGet("/a").Reply(200, "a1", StoredEntries.CacheForAnHour, "Cache-Tag: red");
        c.Origin.OnGet("/a").Reply(200, "a2", StoredEntries.CacheForAnHour, "Cache-Tag: red");
        (await c.Client.Get("/a")).ExpectMiss().ExpectStored().ExpectBody("a1");
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("a1");
        await using var browser = await HeadlessChromium.LaunchAsync();
        var page = browser.Page;

        await page.GotoAsync(new Uri(c.Server.AdminUri, "/dashboard").ToString());
        await Expect(page.Locator("#purges-error")).ToHaveTextAsync("Enter a token with the read permission to see the purge log.");
        await page.FillAsync("#token-input", OpsSecret);
        await page.ClickAsync("#token-save");

        var zoneRow = page.Locator("#zones-body tr[data-zone='test']");
        await Expect(zoneRow.Locator("td.id")).ToHaveTextAsync(TestSettings.ZoneId);
        await Expect(zoneRow.Locator("td.objects")).ToHaveTextAsync("1");
        await Expect(zoneRow.Locator("td.bytes")).Not.ToHaveTextAsync("0 B");
        await Expect(page.Locator("#token-input")).ToHaveValueAsync(string.Empty);
        Assert.DoesNotContain(OpsSecret, await page.ContentAsync(), StringComparison.Ordinal);

        await page.SelectOptionAsync("#purge-zone", TestSettings.ZoneId);
        await page.SelectOptionAsync("#purge-kind", "tag");
        await page.FillAsync("#purge-values", "red");
        await page.ClickAsync("#purge-submit");

        var result = page.Locator("#purge-result");
        await Expect(result).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Purged: id [0-9a-f]{32}$"));
        var id = await result.GetAttributeAsync("data-id");
        var logged = page.Locator($"#purges-body tr[data-id='{id}']");
        await Expect(logged.Locator("td.selectors")).ToHaveTextAsync("tag:red");
        await Expect(logged).ToContainTextAsync("ops");
        await Expect(logged).ToContainTextAsync("hard");
        await Expect(zoneRow.Locator("td.objects")).ToHaveTextAsync("0");
        await Expect(page.Locator("#chart-rps polyline")).ToHaveCountAsync(1);
        await Expect(page.Locator("#health")).ToBeHiddenAsync();
        await Expect(page.Locator("#cluster")).ToBeHiddenAsync();

        (await c.Client.Get("/a")).ExpectMiss().ExpectBody("a2");
        browser.ExpectNoPolicyViolation();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Unknown_Token_Shows_The_Apis_401_And_Nothing_Is_Purgeable()
    {
        await using var c = await Conversation.StartAsync(Configure());
        await using var browser = await HeadlessChromium.LaunchAsync();
        var page = browser.Page;

        await page.GotoAsync(new Uri(c.Server.AdminUri, "/").ToString());
        await page.FillAsync("#token-input", "s3cr3t-not-a-token");
        await page.ClickAsync("#token-save");

        const string Expected = "HTTP 401 — A token with the read permission is required (Authorization: Bearer).";
        await Expect(page.Locator("#purges-error")).ToHaveTextAsync(Expected);
        await Expect(page.Locator("#zones-error")).ToHaveTextAsync(Expected);
        await Expect(page.Locator("#purge-submit")).ToBeDisabledAsync();
        await Expect(page.Locator("#zones-body tr[data-zone='test'] td.objects")).ToHaveTextAsync("0");
        Assert.DoesNotContain("s3cr3t-not-a-token", await page.ContentAsync(), StringComparison.Ordinal);
        browser.ExpectNoPolicyViolation();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Token_Without_Read_Permission_Shows_The_Apis_403()
    {
        await using var c = await Conversation.StartAsync(Configure());
        await using var browser = await HeadlessChromium.LaunchAsync();
        var page = browser.Page;

        await page.GotoAsync(new Uri(c.Server.AdminUri, "/dashboard").ToString());
        await page.FillAsync("#token-input", PurgeTestSettings.Secret);
        await page.ClickAsync("#token-save");

        await Expect(page.Locator("#purges-error")).ToHaveTextAsync("HTTP 403 — This token lacks the read permission.");
        await Expect(page.Locator("#zones-error")).ToHaveTextAsync("HTTP 403 — This token lacks the read permission.");
        browser.ExpectNoPolicyViolation();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Purge_Refused_By_The_Api_Shows_Its_Error_And_Purges_Nothing()
    {
        await using var c = await Conversation.StartAsync(Configure());
        await c.Store("/a", "a1", reply: ["Cache-Tag: red"]);
        await using var browser = await HeadlessChromium.LaunchAsync();
        var page = browser.Page;

        await page.GotoAsync(new Uri(c.Server.AdminUri, "/dashboard").ToString());
        await page.FillAsync("#token-input", ReaderSecret);
        await page.ClickAsync("#token-save");
        await Expect(page.Locator("#zones-body tr[data-zone='test'] td.id")).ToHaveTextAsync(TestSettings.ZoneId);
        await page.SelectOptionAsync("#purge-kind", "tag");
        await page.FillAsync("#purge-values", "red");
        await page.ClickAsync("#purge-submit");

        await Expect(page.Locator("#purge-result")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^HTTP 403 — 10000: "));
        await Expect(page.Locator("#purges-body tr")).ToHaveCountAsync(0);
        await c.ExpectHit("/a", "a1");
        browser.ExpectNoPolicyViolation();
        c.Origin.ExpectAllConsumed();
    }

    private static Func<LacquerSettings, LacquerSettings> Configure() => PurgeTestSettings.Configure(tokens:
    [
        PurgeTestSettings.Token("ops", OpsSecret, [TokenSettings.AllZones], TokenSettings.PurgePermission, TokenSettings.ReadPermission),
        PurgeTestSettings.Token("reader", ReaderSecret, [TokenSettings.AllZones], TokenSettings.ReadPermission),
    ]);
}
