// The request log (docs/observability.md, "Request log"): a conversation of N requests — a miss, a hit, a
// pass, a PURGE and a request for a host no zone serves — leaves exactly N lines in the log file, each with
// the request's client, method, target, status, bytes, cache outcome, zone and origin time, in both formats.
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lacquer.Configuration;
using Lacquer.Harness;

namespace Lacquer.Diagnostics;

public sealed partial class RequestLogTests
{
    private sealed record Line(string Client, string Method, string Target, int Status, string Bytes, string Host, string Zone, string Cache, string Origin);

    private static readonly Line[] Expected =
    [
        new("127.0.0.1", "GET", "/a?x=1", 200, "2", "test.example", "test", "miss", "timed"),
        new("127.0.0.1", "GET", "/a?x=1", 200, "2", "test.example", "test", "hit", "-"),
        new("127.0.0.1", "GET", "/n", 200, "5", "test.example", "test", "pass", "timed"),
        new("127.0.0.1", "PURGE", "/a?x=1", 200, "-", "test.example", "test", "purge", "-"),
        new("127.0.0.1", "GET", "/a", 421, "-", "nowhere.example", "-", "none", "-"),
    ];

    [Fact]
    public async Task Combined_Log_Has_One_Line_Per_Request_With_Its_Fields()
    {
        var lines = await RunConversation(RequestLogFormat.Combined);

        Assert.Equal(Expected.Length, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var match = CombinedLine().Match(lines[i]);
            Assert.True(match.Success, $"Not a combined log line: {lines[i]}");
            Assert.True(DateTimeOffset.TryParseExact(match.Groups["time"].Value, "dd/MMM/yyyy:HH:mm:ss zzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), lines[i]);
            Assert.Equal("HTTP/1.1", match.Groups["protocol"].Value);
            var origin = match.Groups["origin"].Value == "-" ? "-" : "timed";
            var actual = new Line(
                match.Groups["client"].Value, match.Groups["method"].Value, match.Groups["target"].Value, int.Parse(match.Groups["status"].Value, CultureInfo.InvariantCulture),
                match.Groups["bytes"].Value, match.Groups["host"].Value, match.Groups["zone"].Value, match.Groups["cache"].Value, origin);
            Assert.Equal(Expected[i] with { Bytes = BytesOf(Expected[i], actual) }, actual);
        }
    }

    [Fact]
    public async Task Json_Log_Has_One_Object_Per_Request_With_Its_Fields()
    {
        var lines = await RunConversation(RequestLogFormat.Json);

        Assert.Equal(Expected.Length, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var document = JsonDocument.Parse(lines[i]);
            var json = document.RootElement;
            Assert.Equal("HTTP/1.1", json.GetProperty("protocol").GetString());
            Assert.True(json.GetProperty("duration").GetDouble() >= 0);
            var bytes = json.GetProperty("bytes");
            var actual = new Line(
                json.GetProperty("client").GetString()!, json.GetProperty("method").GetString()!, json.GetProperty("target").GetString()!,
                json.GetProperty("status").GetInt32(), bytes.ValueKind == JsonValueKind.Null ? "-" : bytes.GetInt64().ToString(CultureInfo.InvariantCulture),
                json.GetProperty("host").GetString()!, json.GetProperty("zone").GetString() ?? "-", json.GetProperty("cache").GetString()!,
                json.GetProperty("origin").ValueKind == JsonValueKind.Null ? "-" : "timed");
            Assert.Equal(Expected[i] with { Bytes = BytesOf(Expected[i], actual) }, actual);
        }
    }

    /// <summary>Lacquer's own bodies (PURGE's JSON, the 421 text) are checked for a length, not a fixed number.</summary>
    private static string BytesOf(Line expected, Line actual) =>
        expected.Bytes == "-" && long.TryParse(actual.Bytes, CultureInfo.InvariantCulture, out var length) && length > 0 ? actual.Bytes : expected.Bytes;

    private static async Task<string[]> RunConversation(RequestLogFormat format)
    {
        var path = Path.Combine(Path.GetTempPath(), $"lacquer-requests-{Guid.NewGuid():N}.log");
        try
        {
            var c = await Conversation.StartAsync(s => s with { Log = new LogSettings(path, format) });
            try
            {
                c.Origin.OnGet("/a?x=1").Reply(200, "a1", "Cache-Control: max-age=60");
                c.Origin.OnGet("/n").Reply(200, "never", "Cache-Control: no-store");

                (await c.Client.Get("/a?x=1")).ExpectMiss().ExpectStored();
                (await c.Client.Get("/a?x=1")).ExpectHit();
                (await c.Client.Get("/n")).ExpectNotStored("response-no-store");
                (await c.Client.Send("PURGE", "/a?x=1", null)).ExpectStatus(200);
                (await c.Client.Get("/a", "Host: nowhere.example")).ExpectStatus(421);
                c.Origin.ExpectAllConsumed();
            }
            finally
            {
                await c.DisposeAsync(); // stops the server, which writes out every line it has taken
            }

            return await File.ReadAllLinesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex("""^(?<client>\S+) - - \[(?<time>[^\]]+)\] "(?<method>\S+) (?<target>\S+) (?<protocol>[^"]+)" (?<status>\d{3}) (?<bytes>\d+|-) "(?<referer>[^"]*)" "(?<agent>[^"]*)" host="(?<host>[^"]*)" zone=(?<zone>\S+) cache=(?<cache>[a-z]+) duration=(?<duration>\d+\.\d{6}) origin=(?<origin>\d+\.\d{6}|-)$""")]
    private static partial Regex CombinedLine();
}
