// Every origin response that is not stored is counted once in lacquer_cache_not_stored_total with its reason and
// logged at Debug (event 1101) with the reason, zone and URL — whether its fate is decided at the response head
// (the storability rules) or only when its fill ends (the body outgrew the object limit while it was read, or
// the origin broke off in it). The log line never carries a header value such as a credential.
using Lacquer.Harness;
using Microsoft.Extensions.Logging;

namespace Lacquer.Diagnostics;

public sealed class NotStoredTests
{
    private const string Zone = "zone=\"test\"";
    private const string Credential = "Bearer not-for-the-log-7f3a";

    [Fact]
    public async Task Each_Not_Stored_Response_Is_Counted_Once_With_Its_Reason_And_Logged_At_Head_And_At_Fill_End()
    {
        var log = new CapturedLog(LogLevel.Debug);
        await using var raw = RawOrigin.Start();
        await using var c = await Conversation.StartAsync(
            s => s with { Cache = s.Cache with { MaxObjectBytes = 1024 }, Zones = [TestSettings.Zone(raw.Uri)] },
            log.Add);
        var large = new string('x', 4096);
        raw.OnGet("/no-store").ReplyWellFormed(200, "never", "Cache-Control: no-store");
        raw.OnGet("/private").ReplyWellFormed(200, "yours", "Cache-Control: max-age=60");
        raw.OnGet("/large").Reply($"HTTP/1.1 200 OK\r\nCache-Control: max-age=60\r\nTransfer-Encoding: chunked\r\n\r\n{large.Length:x}\r\n{large}\r\n0\r\n\r\n");
        raw.OnGet("/broken").ReplyAndClose("HTTP/1.1 200 OK\r\nCache-Control: max-age=60\r\nContent-Length: 100\r\n\r\nonly ten..");

        // Decided at the head.
        (await c.Client.Get("/no-store")).ExpectStatus(200).ExpectNotStored("response-no-store").ExpectBody("never");
        (await c.Client.Get("/private", $"Authorization: {Credential}")).ExpectStatus(200).ExpectNotStored("authorization").ExpectBody("yours");

        // Decided when the fill ends: the head was storable (no Content-Length; a declared length that will not
        // come), so only the body shows that it is too large, or broken.
        (await c.Client.Get("/large")).ExpectStatus(200).ExpectMiss().ExpectBody(large);
        await Assert.ThrowsAsync<HttpRequestException>(() => c.Client.Get("/broken"));

        await Progress.Until(() => NotStoredLines(log).Count >= 4, "four responses are logged as not stored");
        var metrics = new Exposition((await c.Admin.Get("/metrics")).ExpectStatus(200).Text);
        string[] reasons = ["response-no-store", "authorization", "too-large", "origin-body-broken"];
        foreach (var reason in reasons)
        {
            Assert.Equal(1, metrics.Value("lacquer_cache_not_stored_total", Zone, $"reason=\"{reason}\""));
        }

        var lines = NotStoredLines(log);
        Assert.Equal(4, lines.Count);
        Assert.All(lines, line => Assert.Equal(LogLevel.Debug, line.Level));
        Assert.All(lines, line => Assert.DoesNotContain("not-for-the-log", line.Message, StringComparison.Ordinal));
        (string Reason, string Path)[] expected = [("response-no-store", "/no-store"), ("authorization", "/private"), ("too-large", "/large"), ("origin-body-broken", "/broken")];
        foreach (var (reason, path) in expected)
        {
            Assert.Single(lines, line => line.Message.StartsWith($"Not stored ({reason}): test ", StringComparison.Ordinal) && line.Message.EndsWith(path, StringComparison.Ordinal));
        }

        raw.ExpectAllConsumed();
        c.Origin.ExpectAllConsumed();
    }

    private static List<LogLine> NotStoredLines(CapturedLog log) => [.. log.Lines.Where(line => line.EventId == EventIds.NotStored)];
}
