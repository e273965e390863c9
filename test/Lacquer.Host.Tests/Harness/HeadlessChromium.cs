// A real browser for tests of the admin listener's dashboard: Playwright driving Debian's Chromium at
// /usr/bin/chromium (Playwright cannot download its own browser here; ./test.sh installs the package). Each
// test gets its own browser process and page; console errors and Content-Security-Policy violations are
// collected so that a test can assert the page ran cleanly.
using Microsoft.Playwright;

namespace Lacquer.Harness;

internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (ConsoleErrors)
                {
                    ConsoleErrors.Add(message.Text);
                }
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Console errors so far (failed fetches show here as "Failed to load resource: … 401").</summary>
    public List<string> ConsoleErrors { get; } = [];

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: install Debian's chromium (apt-get install -y chromium), as ./test.sh does.");
        Assertions.SetDefaultExpectTimeout(20_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return new HeadlessChromium(playwright, browser, page);
    }

    /// <summary>Fails on any message that says the page broke its own Content-Security-Policy.</summary>
    public void ExpectNoPolicyViolation()
    {
        lock (ConsoleErrors)
        {
            Assert.DoesNotContain(ConsoleErrors, message => message.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(ConsoleErrors, message => message.Contains("TrustedHTML", StringComparison.OrdinalIgnoreCase));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
