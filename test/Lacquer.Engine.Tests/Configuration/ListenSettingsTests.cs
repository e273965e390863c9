namespace Lacquer.Configuration;

public sealed class ListenSettingsTests
{
    [Fact]
    public void Listeners_Default_To_Loopback_8080_And_8081()
    {
        var listen = TestConfig.Read(TestConfig.Document()).ExpectValid().Listen;

        Assert.Equal(new Uri("http://127.0.0.1:8080"), listen.Proxy);
        Assert.Equal(new Uri("http://127.0.0.1:8081"), listen.Admin);
    }

    [Theory]
    [InlineData("http://0.0.0.0:80")]
    [InlineData("http://localhost:0")]
    [InlineData("http://[::]:8080")]
    [InlineData("http://proxy.internal:8080/")]
    public void A_Listener_Is_An_Http_Url_With_A_Host_And_A_Port_Where_Port_0_Is_Ephemeral(string url)
    {
        var listen = TestConfig.ReadWith($$"""  "listen": { "proxy": "{{url}}" }  """).ExpectValid().Listen;

        Assert.Equal(new Uri(url), listen.Proxy);
    }

    [Theory]
    [InlineData("127.0.0.1:8080", "must be an absolute http URL")]
    [InlineData("/var/run/lacquer.sock", "must be an absolute http URL")]
    [InlineData("http://*:8080", "http://0.0.0.0:PORT")]
    [InlineData("https://127.0.0.1:8443", "must use the http scheme")]
    [InlineData("http://127.0.0.1", "must include a port")]
    [InlineData("http://127.0.0.1/", "must include a port")]
    [InlineData("http://127.0.0.1:8080/proxy", "no user, path, query or fragment")]
    [InlineData("http://127.0.0.1:8080/?a=b", "no user, path, query or fragment")]
    [InlineData("http://127.0.0.1:8080/#top", "no user, path, query or fragment")]
    [InlineData("http://127.0.0.1:99999", "must be an absolute http URL")]
    public void A_Listener_That_Is_Not_Scheme_Host_And_Port_Is_Reported_At_Its_Path(string url, string message)
    {
        TestConfig.ReadWith($$"""  "listen": { "admin": "{{url}}" }  """).ExpectOnlyError("listen:admin", message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000", "http://127.0.0.1:9000")]
    [InlineData("http://0.0.0.0:9000", "http://127.0.0.1:9000")]
    public void The_Two_Listeners_Cannot_Share_An_Address(string proxy, string admin)
    {
        TestConfig.ReadWith($$"""  "listen": { "proxy": "{{proxy}}", "admin": "{{admin}}" }  """)
            .ExpectOnlyError("listen:admin", "must differ from listen:proxy");
    }

    [Fact]
    public void Both_Listeners_May_Use_Ephemeral_Port_0()
    {
        TestConfig.ReadWith("""  "listen": { "proxy": "http://127.0.0.1:0", "admin": "http://127.0.0.1:0" }  """).ExpectValid();
    }

    [Fact]
    public void An_Unknown_Listener_Is_An_Unknown_Setting()
    {
        TestConfig.ReadWith("""  "listen": { "metrics": "http://127.0.0.1:9100" }  """)
            .ExpectOnlyError("listen:metrics", "unknown setting; expected one of: proxy, admin");
    }
}
