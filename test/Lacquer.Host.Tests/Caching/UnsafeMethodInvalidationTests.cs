// RFC 9111 §4.4: a non-error response to an unsafe method invalidates the target URI and the same-origin
// Location and Content-Location URIs, every variant.
using System.Text;
using Lacquer.Harness;

namespace Lacquer.Caching;

public sealed class UnsafeMethodInvalidationTests
{
    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("FROB")]
    public async Task Successful_Unsafe_Method_Invalidates_The_Target(string method)
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=600").Times(1);
        c.Origin.On(method, "/a").Reply(200, "done");
        c.Origin.OnGet("/a").Reply(200, "a2", "Cache-Control: max-age=600");

        (await c.Client.Get("/a")).ExpectMiss().ExpectBody("a1");
        (await c.Client.Get("/a")).ExpectHit();
        (await c.Client.Send(method, "/a", new StringContent("x", Encoding.UTF8))).ExpectStatus(200).ExpectMiss("method");
        (await c.Client.Get("/a")).ExpectMiss().ExpectBody("a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Error_Response_To_Unsafe_Method_Invalidates_Nothing()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=600");
        c.Origin.On("POST", "/a").Reply(500, "failed");

        (await c.Client.Get("/a")).ExpectMiss();
        (await c.Client.Send("POST", "/a", new StringContent("x"))).ExpectStatus(500);
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("a1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Same_Origin_Location_And_Content_Location_Are_Invalidated_Other_Origins_Are_Not()
    {
        await using var c = await Conversation.StartAsync();
        foreach (var path in (string[])["/b", "/c", "/d"])
        {
            c.Origin.OnGet(path).Reply(200, path + "1", "Cache-Control: max-age=600");
        }

        c.Origin.On("POST", "/a").Reply(201, "created", "Location: /b", "Content-Location: http://test.example/c");
        c.Origin.On("POST", "/a").Reply(201, "created", "Location: http://elsewhere.example/d");
        c.Origin.OnGet("/b").Reply(200, "b2", "Cache-Control: max-age=600");
        c.Origin.OnGet("/c").Reply(200, "c2", "Cache-Control: max-age=600");

        foreach (var path in (string[])["/b", "/c", "/d"])
        {
            (await c.Client.Get(path)).ExpectMiss();
        }

        (await c.Client.Send("POST", "/a", new StringContent("x"))).ExpectStatus(201);
        (await c.Client.Get("/b")).ExpectMiss().ExpectBody("b2");
        (await c.Client.Get("/c")).ExpectMiss().ExpectBody("c2");
        (await c.Client.Send("POST", "/a", new StringContent("x"))).ExpectStatus(201);
        (await c.Client.Get("/d")).ExpectHit().ExpectBody("/d1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Invalidation_Removes_Every_Vary_Variant()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "en", "Cache-Control: max-age=600", "Vary: Accept-Language");
        c.Origin.OnGet("/a").Reply(200, "de", "Cache-Control: max-age=600", "Vary: Accept-Language");
        c.Origin.On("PUT", "/a").Reply(204);
        c.Origin.OnGet("/a").Reply(200, "de2", "Cache-Control: max-age=600", "Vary: Accept-Language");

        (await c.Client.Get("/a", "Accept-Language: en")).ExpectMiss();
        (await c.Client.Get("/a", "Accept-Language: de")).ExpectMiss("vary-miss");
        (await c.Client.Send("PUT", "/a", new StringContent("x"))).ExpectStatus(204);
        (await c.Client.Get("/a", "Accept-Language: de")).ExpectMiss().ExpectBody("de2");
        c.Origin.ExpectAllConsumed();
    }
}
