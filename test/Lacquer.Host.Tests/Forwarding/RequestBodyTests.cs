// Request bodies stream to the origin unchanged, whether the client framed them with Content-Length or with
// chunked encoding, and an answer to an unsafe method is never stored (Cache-Status: Lacquer; fwd=method):
// a later GET of the same URL still goes to the origin.
using Lacquer.Harness;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Forwarding;

public sealed class RequestBodyTests
{
    private const int FiveMegabytes = 5 * 1024 * 1024;

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task Request_Body_Of_5_MB_With_Content_Length_Arrives_Intact(string method)
    {
        await using var c = await Conversation.StartAsync();
        var body = Bodies.Pattern(FiveMegabytes, seed: 7);
        c.Origin.On(method, "/upload").Handle(EchoDigest);

        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/octet-stream");
        (await c.Client.Send(method, "/upload", content))
            .ExpectStatus(200)
            .ExpectHeader("Cache-Status", "Lacquer; fwd=method")
            .ExpectBody($"{body.Length} {Bodies.Sha256(body)}");

        var received = Assert.Single(c.Origin.Received);
        Assert.Equal(FiveMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture), received.Headers["Content-Length"]);
        Assert.Equal("application/octet-stream", received.Headers["Content-Type"]);
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task Request_Body_Of_5_MB_Sent_Chunked_Arrives_Intact(string method)
    {
        await using var c = await Conversation.StartAsync();
        var body = Bodies.Pattern(FiveMegabytes, seed: 11);
        c.Origin.On(method, "/upload").Handle(EchoDigest);

        // A stream of unknown length: HttpClient sends it chunked.
        using var content = new StreamContent(new UnknownLengthStream(body));
        (await c.Client.Send(method, "/upload", content))
            .ExpectStatus(200)
            .ExpectHeader("Cache-Status", "Lacquer; fwd=method")
            .ExpectBody($"{body.Length} {Bodies.Sha256(body)}");

        var received = Assert.Single(c.Origin.Received);
        Assert.False(received.Headers.ContainsKey("Content-Length"));
        Assert.Equal("chunked", received.Headers["Transfer-Encoding"]);
        c.Origin.ExpectAllConsumed();
    }

    // A request body the client framed wrongly is the client's fault: 400, not a 502 that blames the origin.
    [Theory]
    [InlineData("zz\r\nhello\r\n0\r\n\r\n")] // a chunk size that is not hexadecimal
    [InlineData("5\r\nhelloXX0\r\n\r\n")] // no CRLF after the chunk data
    public async Task Malformed_Chunked_Request_Body_Is_Answered_400(string chunked)
    {
        await using var raw = RawOrigin.Start();
        await using var c = await Conversation.StartAsync(s => s with { Zones = [TestSettings.Zone(raw.Uri)] });
        raw.On("POST", "/upload").Handle(connection => connection.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")).Always();

        using var client = await RawClient.ConnectAsync(c.Client.Listener);
        await client.SendAsync("POST /upload HTTP/1.1\r\nHost: test.example\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked);
        var response = await client.ReadResponseAsync();

        Assert.Equal(400, response.Status);
        Assert.Equal("Lacquer; fwd=method; detail=client-invalid-body", response.Header("Cache-Status"));
        Assert.Equal("Lacquer: the request body is not validly framed.\n", response.Text);
    }

    [Fact]
    public async Task Response_To_Post_Is_Not_Cached_And_The_Next_Get_Goes_To_The_Origin()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.On("POST", "/a").Reply(200, "posted", "Cache-Control: max-age=60");
        c.Origin.OnGet("/a").Reply(200, "got", "Cache-Control: max-age=60");

        (await c.Client.Send("POST", "/a", new StringContent("x=1"))).ExpectStatus(200)
            .ExpectHeader("Cache-Status", "Lacquer; fwd=method").ExpectBody("posted");
        (await c.Client.Get("/a")).ExpectStatus(200).ExpectMiss().ExpectStored().ExpectBody("got");
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("got");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Post_Is_Not_Answered_From_A_Stored_Get()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "got", "Cache-Control: max-age=60");
        c.Origin.On("POST", "/a").Reply(200, "posted");

        (await c.Client.Get("/a")).ExpectMiss().ExpectStored();
        (await c.Client.Send("POST", "/a", new StringContent("x=1"))).ExpectHeader("Cache-Status", "Lacquer; fwd=method").ExpectBody("posted");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Post_With_Expect_100_Continue_Gets_Its_Body_Through_And_The_Origin_Sees_No_Expect()
    {
        await using var c = await Conversation.StartAsync();
        var body = Bodies.Pattern(256 * 1024, seed: 17);
        c.Origin.On("POST", "/upload").Handle(EchoDigest);

        using var client = await RawClient.ConnectAsync(c.Client.Listener);
        await client.SendAsync($"POST /upload HTTP/1.1\r\nHost: test.example\r\nContent-Length: {body.Length}\r\nExpect: 100-continue\r\n\r\n");
        var interim = await client.ReadResponseAsync();
        Assert.Equal(100, interim.Status);
        client.ForgetReceived();
        await client.SendAsync(body);
        var response = await client.ReadResponseAsync();

        Assert.Equal(200, response.Status);
        Assert.Equal($"{body.Length} {Bodies.Sha256(body)}", response.Text);
        Assert.False(Assert.Single(c.Origin.Received).Headers.ContainsKey("Expect"));
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Client_Leaving_Mid_Upload_Cancels_The_Origin_Request_And_The_Proxy_Serves_On()
    {
        await using var c = await Conversation.StartAsync();
        var receiving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var originSawTheEnd = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        c.Origin.On("POST", "/upload").Handle(async context =>
        {
            var buffer = new byte[16 * 1024];
            try
            {
                while (await context.Request.Body.ReadAsync(buffer) > 0)
                {
                    receiving.TrySetResult();
                }

                originSawTheEnd.TrySetResult("the body ended normally");
            }
            catch (Exception exception)
            {
                originSawTheEnd.TrySetResult(exception.GetType().Name);
            }
        });
        c.Origin.OnGet("/after").Reply(200, "still serving");

        using (var client = await RawClient.ConnectAsync(c.Client.Listener))
        {
            await client.SendAsync("POST /upload HTTP/1.1\r\nHost: test.example\r\nContent-Length: 1000000\r\n\r\n");
            await client.SendAsync(Bodies.Pattern(100_000));
            await receiving.Task.WaitAsync(TimeSpan.FromSeconds(10));
            client.Abort();
        }

        // The origin never sees a body that looks whole: its read fails when the proxy drops the request.
        Assert.NotEqual("the body ended normally", await originSawTheEnd.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        (await c.Client.Get("/after")).ExpectStatus(200).ExpectBody("still serving");
        c.Origin.ExpectAllConsumed();
    }

    /// <summary>Replies "length sha256" of the request body, read as a stream.</summary>
    private static async Task EchoDigest(HttpContext context)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }

        await context.Response.WriteAsync($"{length} {Convert.ToHexStringLower(hash.GetHashAndReset())}");
    }
}
