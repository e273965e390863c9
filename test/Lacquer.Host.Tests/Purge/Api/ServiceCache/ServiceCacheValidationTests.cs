// docs/compat.md, "Service cache"'s error rows: FastAPI's 422 shapes byte for byte (wrong types, malformed JSON with Python's
// message and character offset, bodies that are not objects, non-JSON content types), the 400 for bytes
// that are not UTF-8 and the 413 for oversized bodies. None of them clears anything.
using Lacquer.Harness;

namespace Lacquer.Purge.Api.ServiceCache;

public sealed class ServiceCacheValidationTests
{
    private const string Clear = "/api/system/cache/clear";

    [Theory]
    [InlineData("""{"serviceName": 5}""", "serviceName", "5")]
    [InlineData("""{"serviceName": true}""", "serviceName", "true")]
    [InlineData("""{"serviceName": 1.5}""", "serviceName", "1.5")]
    [InlineData("""{"serviceName": 1e16}""", "serviceName", "1e+16")]
    [InlineData("""{"serviceName": {}}""", "serviceName", "{}")]
    [InlineData("""{"serviceName": ["a", {"b": "é\n"}]}""", "serviceName", """["a",{"b":"é\n"}]""")]
    [InlineData("""{"service_name": 7}""", "service_name", "7")]
    [InlineData("""{"serviceName": 7, "service_name": "test"}""", "serviceName", "7")]
    [InlineData("""{"serviceName": NaN}""", "serviceName", "null")]
    public async Task A_Service_Name_That_Is_Not_A_String_Is_422_String_Type_Echoing_It(string body, string key, string input)
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", Clear, SeedApi.Json(body))).ExpectStatus(422)
            .ExpectHeader("Content-Type", "application/json")
            .ExpectBody($$"""{"detail":[{"type":"string_type","loc":["body","{{key}}"],"msg":"Input should be a valid string","input":{{input}}}]}""");

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    // Offsets checked against CPython 3.11's json.loads.
    [Theory]
    [InlineData("""{"serviceName": """, 16, "Expecting value")]
    [InlineData(" ", 1, "Expecting value")]
    [InlineData("""{serviceName: "test"}""", 1, "Expecting property name enclosed in double quotes")]
    [InlineData("""{"serviceName": "test",}""", 23, "Expecting property name enclosed in double quotes")]
    [InlineData("""{"serviceName" "test"}""", 15, "Expecting ':' delimiter")]
    [InlineData("""{"serviceName": "test" "x": 1}""", 23, "Expecting ',' delimiter")]
    [InlineData("""{"serviceName": "test"} trailing""", 24, "Extra data")]
    [InlineData("""{"serviceName": "tést", "x" 1}""", 28, "Expecting ':' delimiter")]
    [InlineData("""{"serviceName": "te""" + "\u0001" + """st"}""", 19, "Invalid control character at")]
    [InlineData("""{"serviceName": "te\qst"}""", 19, "Invalid \\escape")]
    [InlineData("""{"serviceName": "test""", 16, "Unterminated string starting at")]
    public async Task Malformed_Json_Is_422_Json_Invalid_At_Pythons_Offset(string body, int offset, string error)
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");

        var escaped = error.Replace("\\", "\\\\", StringComparison.Ordinal);
        (await c.Admin.Send("POST", Clear, SeedApi.Json(body))).ExpectStatus(422)
            .ExpectBody($$$"""{"detail":[{"type":"json_invalid","loc":["body",{{{offset}}}],"msg":"JSON decode error","input":{},"ctx":{"error":"{{{escaped}}}"}}]}""");

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("""["test"]""", """["test"]""")]
    [InlineData("[]", "[]")]
    [InlineData("\"test\"", "\"test\"")]
    [InlineData("42", "42")]
    [InlineData("false", "false")]
    public async Task A_Body_That_Is_Not_An_Object_Is_422_Model_Attributes_Type(string body, string input)
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", Clear, SeedApi.Json(body))).ExpectStatus(422)
            .ExpectBody($$"""{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":{{input}}}]}""");

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/jsonx")]
    [InlineData(null)]
    public async Task A_Body_Without_A_Json_Content_Type_Is_422_Echoing_The_Raw_Text(string? contentType)
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", Clear, SeedApi.Body("""{"serviceName":"test"}""", contentType))).ExpectStatus(422)
            .ExpectBody("""{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":"{\"serviceName\":\"test\"}"}]}""");

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/vnd.api+json")]
    [InlineData("Application/JSON")]
    public async Task Json_Content_Types_With_Parameters_Or_A_Json_Suffix_Are_Read(string contentType)
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", Clear, SeedApi.Body("""{"serviceName":"test"}""", contentType))).ExpectStatus(200);

        await c.ExpectClearedAsync("/a");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Bytes_That_Are_Not_Utf8_Are_400_As_In_FastApi()
    {
        await using var c = await Conversation.StartAsync();
        using var content = new ByteArrayContent([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}']);
        content.Headers.ContentType = new("application/json");

        (await c.Admin.Send("POST", Clear, content)).ExpectStatus(400)
            .ExpectBody("""{"detail":"There was an error parsing the body"}""");

        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("""{"serviceName":"\ud800"}""")]
    [InlineData("""{"serviceName":"test\udfff"}""")]
    [InlineData("""{"serviceName":null,"note":"\udc00"}""")]
    [InlineData("""{"serviceName":"other","serviceName":"test"}""")]
    [InlineData("""{"serviceName":"test","serviceName":"test"}""")]
    public async Task A_Lone_Surrogate_Or_A_Repeated_Name_Is_400_And_Clears_Nothing(string body)
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");

        (await c.Admin.Send("POST", Clear, SeedApi.Json(body))).ExpectStatus(400)
            .ExpectHeader("Content-Type", "application/json")
            .ExpectBody("""{"detail":"There was an error parsing the body"}""");

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task A_Body_Over_64_KiB_Is_413()
    {
        await using var c = await Conversation.StartAsync();
        await c.CacheAsync("/a");
        var body = "{\"serviceName\":\"test\",\"pad\":\"" + new string('x', ServiceCacheEndpoint.MaxBodyBytes) + "\"}";

        (await c.Admin.Send("POST", Clear, SeedApi.Json(body))).ExpectStatus(413)
            .ExpectBody("""{"detail":"Request Entity Too Large"}""");

        await c.ExpectStillCachedAsync("/a");
        c.ExpectNoPurge();
        c.Origin.ExpectAllConsumed();
    }
}
