// Every admin surface that reads a JSON body (Cloudflare, the service cache, Flextype) against hostile
// bodies: malformed Unicode (lone surrogate escapes, raw bytes that are not UTF-8), huge numbers, deep
// nesting, very long strings, wrong types, repeated member names and trailing garbage. Each must answer 4xx
// with a non-empty body in that surface's own error format, never 500 and never a success, and the cache
// must be unchanged. The bad values go where the surface reads them (its purge or credential fields), and
// the whole-body faults around an otherwise valid request. The random cases come from a fixed seed and a
// fixed count. The reference server ignores its body and Crafter takes none, so they are not JSON surfaces;
// the text that Crafter and Flextype read from queries and forms gets malformed percent-escapes instead.
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lacquer.Configuration;
using Lacquer.Harness;
using Lacquer.Purge.Api.Flextype;

namespace Lacquer.Purge.Api;

public sealed class JsonBodyFuzzTests
{
    private const int Seed = 20261203;
    private const int RandomCases = 40;

    /// <summary>A valid Flextype token pair, so that the bad value is the only thing wrong with a body.</summary>
    private const string FlextypeToken = "\"" + FlextypeTestSettings.Token + "\"";

    public static TheoryData<string> Surfaces => ["cloudflare", "service-cache", "flextype"];

    [Theory]
    [MemberData(nameof(Surfaces))]
    public async Task Hostile_Bodies_Get_A_4xx_In_The_Surfaces_Own_Format_And_Change_Nothing(string name)
    {
        var surface = Surface.Named(name);
        await using var c = await Conversation.StartAsync(settings =>
            FlextypeTestSettings.Seed(PurgeTestSettings.Configure(
                zone => zone with { CacheKeyHeaders = ["X-Device"] },
                purge: PurgeSettings.Default with { Burst = 100_000 })(settings))); // every case reaches the body check
        await c.CacheAsync("/a");

        var cases = Cases(surface).ToList();
        Assert.True(cases.Count > 100, $"only {cases.Count} cases");
        foreach (var (label, body) in cases)
        {
            var exchange = await c.Admin.Send("POST", surface.Path, Content(body), surface.Headers);
            Assert.True(exchange.Status is >= 400 and < 500, $"{name}, {label}: status {exchange.Status}, body {exchange.Text}");
            Assert.True(exchange.Body.Length > 0, $"{name}, {label}: empty body");
            surface.ExpectOwnFormat(exchange, $"{name}, {label}");
        }

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();

        // The valid request that the faults were built around does clear: each case failed for its fault alone.
        (await c.Admin.Send("POST", surface.Path, Content(Encoding.UTF8.GetBytes(surface.ValidBody)), surface.Headers)).ExpectStatus(200);
        await c.ExpectClearedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }

    /// <summary>Percent-escapes that do not decode to Unicode text, where the seed surfaces read text outside JSON.</summary>
    [Theory]
    [InlineData("%ED%A0%80")]
    [InlineData("%FF")]
    [InlineData("%C0%AF")]
    [InlineData("%E2%82")]
    [InlineData("%uD800")]
    [InlineData("%")]
    public async Task Malformed_Text_In_Queries_And_Forms_Gets_A_4xx_In_Each_Format_And_Clears_Nothing(string bad)
    {
        await using var c = await Conversation.StartAsync(FlextypeTestSettings.Seed);
        await c.CacheAsync("/a");

        (await c.Admin.Get($"/api/1/cache/clear_all?token={bad}")).ExpectStatus(401)
            .ExpectBody("""{"message":"Management authorization failed, invalid token."}""");
        (await c.Admin.Get($"/api/1/cache/clear?contextId={bad}&token=defaultManagementToken")).ExpectStatus(400)
            .ExpectHeader("Content-Type", "application/json");
        (await c.Admin.Get($"{FlextypeTestSettings.Clear}?token={bad}&access_token={bad}")).ExpectStatus(401)
            .ExpectBody(FlextypeTestSettings.Unauthorized);
        (await c.Admin.Send("POST", FlextypeTestSettings.Clear, SeedApi.Body($"token={bad}&access_token={FlextypeTestSettings.Token}", "application/x-www-form-urlencoded")))
            .ExpectStatus(401).ExpectBody(FlextypeTestSettings.Unauthorized);
        (await c.Admin.Send("POST", FlextypeTestSettings.Clear, SeedApi.Body($"token={FlextypeTestSettings.Token}&access_token={bad}", "application/x-www-form-urlencoded")))
            .ExpectStatus(401).ExpectBody(FlextypeTestSettings.Unauthorized);

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    private static IEnumerable<(string Label, byte[] Body)> Cases(Surface surface)
    {
        // Bad values in the fields the surface reads.
        foreach (var (valueLabel, value, wellFormedString) in BadValues())
        {
            foreach (var template in surface.FieldTemplates.Where(template => !wellFormedString || !surface.AnyStringFields.Contains(template)))
            {
                yield return ($"{valueLabel} in {template}", Fill(template, value));
            }
        }

        // Faults around an otherwise valid body.
        var valid = surface.ValidBody;
        var inner = valid[1..^1];
        yield return ("trailing letter", Utf8(valid + "x"));
        yield return ("trailing brace", Utf8(valid + "}"));
        yield return ("two documents", Utf8(valid + valid));
        yield return ("trailing comma", Utf8(valid + ","));
        yield return ("trailing NUL", Utf8(valid + "\0"));
        yield return ("truncated", Utf8(valid[..^1]));
        yield return ("cut in half", Utf8(valid[..(valid.Length / 2)]));
        yield return ("comma before the brace", Utf8("{" + inner + ",}"));
        yield return ("repeated member", Utf8("{" + inner + "," + inner + "}"));
        yield return ("repeated member, other value", Utf8("{" + surface.FirstMemberOther + "," + inner + "}"));
        yield return ("10,000 [", Utf8(new string('[', 10_000)));
        yield return ("10,000 [ closed", Utf8(new string('[', 10_000) + new string(']', 10_000)));
        yield return ("10,000 { open", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 10_000))));
        yield return ("deep array beside the request", Utf8("{" + inner + ",\"deep\":" + new string('[', 600) + new string(']', 600) + "}"));
        yield return ("deep object beside the request", Utf8("{" + inner + ",\"deep\":" + string.Concat(Enumerable.Repeat("{\"a\":", 600)) + "1" + new string('}', 600) + "}"));
        yield return ("root array", Utf8("[" + valid + "]"));
        yield return ("root string", Utf8("\"" + inner.Replace("\"", "\\\"", StringComparison.Ordinal) + "\""));
        yield return ("root number", Utf8("1e999999"));
        yield return ("root true", Utf8("true"));
        yield return ("single quotes", Utf8(valid.Replace('"', '\'')));
        yield return ("not JSON", Utf8("token=x&tags=y"));
        yield return ("body over the limit", Utf8("{" + inner + ",\"pad\":\"" + new string('a', 1_100_000) + "\"}"));
        foreach (var (valueLabel, value) in MalformedText())
        {
            yield return ($"{valueLabel} in a member beside the request", Concat("{" + inner + ",\"extra\":", value, "}"));
            yield return ($"{valueLabel} as a member name beside the request", Concat("{" + inner + ",", value, ":1}"));
        }
    }

    /// <summary>
    /// Values that no field accepts: wrong types, huge numbers, very long strings, malformed text.
    /// <c>WellFormedString</c>: a proper JSON string, which a field taking any text (a header value) accepts.
    /// </summary>
    private static IEnumerable<(string Label, byte[] Value, bool WellFormedString)> BadValues()
    {
        foreach (var (label, json) in new (string, string)[]
        {
            ("object", "{}"),
            ("object with the value", "{\"v\":\"test\"}"),
            ("array", "[]"),
            ("nested array", "[[\"test\"]]"),
            ("true", "true"),
            ("false", "false"),
            ("zero", "0"),
            ("huge exponent", "1e999999"),
            ("huge negative exponent", "-1e999999"),
            ("tiny", "1.5e-99999"),
            ("long integer", new string('9', 5_000)),
            ("NaN", "NaN"),
            ("Infinity", "-Infinity"),
            ("very long string", "\"" + new string('a', 60_000) + "\""),
            ("very long escaped string", "\"" + string.Concat(Enumerable.Repeat("\\u0061", 10_000)) + "\""),
            ("empty string", "\"\""),
            ("control character", "\"a\u0001b\""),
            ("bad escape", "\"\\x41\""),
            ("short escape", "\"\\u12\""),
            ("unterminated string", "\"abc"),
        })
        {
            yield return (label, Utf8(json), label is "very long string" or "very long escaped string" or "empty string");
        }

        foreach (var (label, value) in MalformedText())
        {
            yield return (label, value, false);
        }
    }

    /// <summary>JSON strings that are not Unicode text: fixed cases, then seeded random mixes.</summary>
    private static IEnumerable<(string Label, byte[] Value)> MalformedText()
    {
        foreach (var (label, json) in new (string, string)[]
        {
            ("lone high surrogate", "\"\\ud800\""),
            ("lone low surrogate", "\"\\udfff\""),
            ("lone high surrogate inside text", "\"a\\uD800b\""),
            ("two high surrogates", "\"\\ud800\\ud800\""),
            ("reversed pair", "\"\\udc00\\ud800\""),
            ("high surrogate then a letter escape", "\"\\ud800\\u0041\""),
            ("high surrogate at the end", "\"test\\udbff\""),
        })
        {
            yield return (label, Utf8(json));
        }

        foreach (var (label, bytes) in new (string, byte[])[]
        {
            ("raw 0xFF", [0xFF]),
            ("raw overlong slash", [0xC0, 0xAF]),
            ("raw encoded surrogate", [0xED, 0xA0, 0x80]),
            ("raw truncated sequence", [0xE2, 0x82]),
            ("raw continuation byte", [0x80]),
            ("raw five-byte lead", [0xF8, 0x88, 0x80, 0x80, 0x80]),
        })
        {
            yield return (label, Concat("\"te", bytes, "st\""));
        }

        var random = new Random(Seed);
        for (var i = 0; i < RandomCases; i++)
        {
            yield return ($"random malformed text #{i}", RandomMalformedString(random));
        }
    }

    /// <summary>A JSON string of valid pieces with at least one that is not Unicode text.</summary>
    private static byte[] RandomMalformedString(Random random)
    {
        string[] valid = ["a", "Z", "0", " ", "\\n", "\\u00e9", "\\ud83d\\ude00", "é", "😀", "\\\"", "/"];
        string[] escapes = ["\\ud800", "\\udbff", "\\udc00", "\\udfff", "\\uDABC"];
        byte[][] raw = [[0xFF], [0xFE], [0xC0, 0x80], [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0x80], [0x80, 0x80]];
        var bytes = new List<byte> { (byte)'"' };
        var pieces = random.Next(1, 12);
        var bad = random.Next(pieces);
        for (var i = 0; i < pieces; i++)
        {
            if (i == bad)
            {
                bytes.AddRange(random.Next(2) == 0 ? Encoding.UTF8.GetBytes(escapes[random.Next(escapes.Length)]) : raw[random.Next(raw.Length)]);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(valid[random.Next(valid.Length)]));
            }
        }

        bytes.Add((byte)'"');
        return [.. bytes];
    }

    private static byte[] Fill(string template, byte[] value)
    {
        var at = template.IndexOf("$V", StringComparison.Ordinal);
        return Concat(template[..at], value, template[(at + 2)..]);
    }

    private static byte[] Concat(string before, byte[] middle, string after) => [.. Utf8(before), .. middle, .. Utf8(after)];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>One JSON surface: where it is, a valid body, where bad values go ($V) and its error format.</summary>
    private sealed record Surface(
        string Path,
        string[] Headers,
        string ValidBody,
        string FirstMemberOther,
        string[] FieldTemplates,
        string[] AnyStringFields,
        Action<Exchange, string, JsonElement> ExpectErrorShape,
        string ContentType)
    {
        /// <summary>A header value of a URL purge: the zone keys on X-Device, so any text selects a variant.</summary>
        private const string HeaderField = """{"files":[{"url":"http://test.example/a","headers":{"X-Device":$V}}]}""";

        public static Surface Named(string name) => name switch
        {
            "cloudflare" => new(
                CloudflareApi.PurgePath(TestSettings.ZoneId),
                [$"Authorization: Bearer {PurgeTestSettings.Secret}"],
                """{"files":["http://test.example/a"]}""",
                "\"files\":[\"http://test.example/b\"]",
                [
                    """{"tags":[$V]}""", """{"hosts":[$V]}""", """{"prefixes":[$V]}""", """{"files":[$V]}""",
                    """{"files":[{"url":$V}]}""", HeaderField,
                ],
                [HeaderField],
                ExpectCloudflareEnvelope,
                "application/json"),
            "service-cache" => new(
                "/api/system/cache/clear",
                [],
                """{"serviceName":"test"}""",
                "\"serviceName\":\"other\"",
                ["""{"serviceName":$V}""", """{"service_name":$V}""", """{"serviceName":$V,"service_name":"test"}"""],
                [],
                ExpectFastApiShape,
                "application/json"),
            "flextype" => new(
                FlextypeTestSettings.Clear,
                [],
                $$"""{"token":{{FlextypeToken}},"access_token":{{FlextypeToken}}}""",
                "\"token\":\"other\"",
                [$$"""{"token":$V,"access_token":{{FlextypeToken}}}""", $$"""{"token":{{FlextypeToken}},"access_token":$V}"""],
                [],
                ExpectFlextypeEnvelope,
                FlextypeResponses.ContentType),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };

        public void ExpectOwnFormat(Exchange exchange, string label)
        {
            Assert.True(exchange.Header("Content-Type") == ContentType, $"{label}: Content-Type {exchange.Header("Content-Type")}");
            using var document = JsonDocument.Parse(exchange.Body);
            Assert.True(document.RootElement.ValueKind == JsonValueKind.Object, $"{label}: {exchange.Text}");
            ExpectErrorShape(exchange, label, document.RootElement);
        }

        /// <summary>{"success":false,"errors":[{"code":N,"message":"…"}…],"messages":[],"result":null}</summary>
        private static void ExpectCloudflareEnvelope(Exchange exchange, string label, JsonElement root)
        {
            Assert.True(root.GetProperty("success").ValueKind == JsonValueKind.False, $"{label}: {exchange.Text}");
            var error = Assert.Single(root.GetProperty("errors").EnumerateArray());
            Assert.True(error.GetProperty("code").TryGetInt32(out _) && error.GetProperty("message").GetString()!.Length > 0, $"{label}: {exchange.Text}");
            Assert.Equal(0, root.GetProperty("messages").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("result").ValueKind);
        }

        /// <summary>FastAPI's {"detail":"…"} or {"detail":[{"type","loc","msg",…}]}, or the response model with status "error".</summary>
        private static void ExpectFastApiShape(Exchange exchange, string label, JsonElement root)
        {
            if (root.TryGetProperty("detail", out var detail))
            {
                var ok = detail.ValueKind == JsonValueKind.String
                    || (detail.ValueKind == JsonValueKind.Array && detail.EnumerateArray().All(item =>
                        item.TryGetProperty("type", out _) && item.TryGetProperty("loc", out _) && item.TryGetProperty("msg", out _)));
                Assert.True(ok, $"{label}: {exchange.Text}");
                return;
            }

            Assert.True(exchange.Status == 404 && root.GetProperty("status").GetString() == "error"
                && root.GetProperty("success").ValueKind == JsonValueKind.False && root.GetProperty("entriesCleared").GetInt32() == 0, $"{label}: {exchange.Text}");
        }

        /// <summary>{"title":"…","message":"…","http_status_code":N} with N the status.</summary>
        private static void ExpectFlextypeEnvelope(Exchange exchange, string label, JsonElement root)
        {
            Assert.True(root.GetProperty("title").GetString()!.Length > 0 && root.GetProperty("message").GetString()!.Length > 0, $"{label}: {exchange.Text}");
            Assert.Equal(exchange.Status, root.GetProperty("http_status_code").GetInt32());
        }
    }
}
