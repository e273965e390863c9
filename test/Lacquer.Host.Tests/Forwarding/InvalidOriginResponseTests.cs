// Origins that send what HTTP does not allow. Two outcomes, both sane and both tested:
//   - a response head that cannot be parsed at all (no status line, a field line without a colon, a
//     connection closed before any response) is answered 502 with detail=origin-invalid-response;
//   - a parsable head with a field value HTTP forbids (control bytes, bytes above 0x7E) is served without
//     that field (OriginHead drops it and logs event 1005), the other fields and the body intact.
// Either way the proxy keeps serving: each test ends with a well-formed exchange that is stored and hit.
using Lacquer.Harness;

namespace Lacquer.Forwarding;

public sealed class InvalidOriginResponseTests
{
    public static TheoryData<string> UnparsableHeads =>
    [
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nNot a field line\r\n\r\nok", // a field line without a colon
        "HTPP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", // a status line that is not HTTP
        "HTTP/1.1 2x0 OK\r\nContent-Length: 2\r\n\r\nok", // a status code that is not a number
        "HTTP/1.1 20 OK\r\nContent-Length: 2\r\n\r\nok", // a status code of two digits
        "HTTP/1.1 200 OK\r\nBad Name: x\r\nContent-Length: 2\r\n\r\nok", // a field name with a space
    ];

    public static TheoryData<string> ForbiddenValues =>
    [
        "bad\u0001value", // a control byte
        "bad\u001bvalue", // an escape byte
        "bad\u007fvalue", // DEL
        "caf\u00c3\u00a9", // non-ASCII: the UTF-8 bytes of an e-acute
        "bad\u00ffvalue", // a Latin-1 byte
    ];

    [Theory]
    [MemberData(nameof(UnparsableHeads))]
    public async Task Unparsable_Origin_Head_Is_Answered_502_And_The_Proxy_Serves_The_Next_Request(string response)
    {
        await using var raw = RawOrigin.Start();
        await using var c = await Conversation.StartAsync(s => s with { Zones = [TestSettings.Zone(raw.Uri)] });
        raw.OnGet("/bad").ReplyAndClose(response);
        raw.OnGet("/good").ReplyWellFormed(200, "fine", "Cache-Control: max-age=60");

        (await c.Client.Get("/bad")).ExpectStatus(502)
            .ExpectHeader("Content-Type", "text/plain; charset=utf-8")
            .ExpectHeader("Cache-Status", "Lacquer; fwd=miss; detail=origin-invalid-response")
            .ExpectBody("Lacquer: the origin sent an invalid response.\n");

        (await c.Client.Get("/good")).ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody("fine");
        (await c.Client.Get("/good")).ExpectHit().ExpectBody("fine");
        raw.ExpectAllConsumed();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Origin_Closing_Without_Any_Response_Is_Answered_502()
    {
        await using var raw = RawOrigin.Start();
        await using var c = await Conversation.StartAsync(s => s with { Zones = [TestSettings.Zone(raw.Uri)] });

        // SocketsHttpHandler retries an idempotent request whose connection closed before any response byte;
        // how many times is the handler's business, so the exchange answers every attempt the same way.
        raw.OnGet("/bad").ReplyAndClose(string.Empty).Always();
        raw.OnGet("/good").ReplyWellFormed(200, "fine");

        (await c.Client.Get("/bad")).ExpectStatus(502).ExpectHeader("Cache-Status", "Lacquer; fwd=miss; detail=origin-invalid-response");
        Assert.Contains(raw.Received, request => request.Target == "/bad");
        (await c.Client.Get("/good")).ExpectStatus(200).ExpectBody("fine");
        raw.ExpectAllConsumed();
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [MemberData(nameof(ForbiddenValues))]
    public async Task Field_With_A_Forbidden_Value_Is_Dropped_And_The_Rest_Of_The_Response_Served(string value)
    {
        await using var raw = RawOrigin.Start();
        await using var c = await Conversation.StartAsync(s => s with { Zones = [TestSettings.Zone(raw.Uri)] });
        raw.OnGet("/a").ReplyWellFormed(200, "body", "Cache-Control: max-age=60", $"X-Bad: {value}", "X-Good: fine");
        raw.OnGet("/next").ReplyWellFormed(200, "next");

        (await c.Client.Get("/a")).ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody("body").ExpectNoHeader("X-Bad").ExpectHeader("X-Good", "fine");
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("body").ExpectNoHeader("X-Bad").ExpectHeader("X-Good", "fine");
        (await c.Client.Get("/next")).ExpectStatus(200).ExpectBody("next");
        raw.ExpectAllConsumed();
        c.Origin.ExpectAllConsumed();
    }
}
