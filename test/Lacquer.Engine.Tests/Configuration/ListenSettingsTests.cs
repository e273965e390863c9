using Lacquer.Security;

namespace Lacquer.Configuration;

public sealed class ListenSettingsTests
{
    [Fact]
    public void Listeners_Default_To_Loopback_8080_And_8081()
    {
        var listen = TestConfig.Read(TestConfig.Document()).ExpectValid().Listen;

        Assert.Equal([new Uri("http://127.0.0.1:8080")], listen.Proxy);
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

        Assert.Equal([new Uri(url)], listen.Proxy);
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
            .ExpectOnlyError("listen:metrics", "unknown setting; expected one of: proxy, admin, h2c");
    }

    [Fact]
    public void The_Proxy_May_Listen_On_Several_Urls_Http_And_Https_IPv4_And_IPv6()
    {
        using var files = new TestCertificates();
        var (certificate, key) = files.Write("site", "site", "www.example.com");
        var listen = TestConfig.ReadWith($$"""
              "listen": { "proxy": ["http://0.0.0.0:80", "https://0.0.0.0:443", "http://[::1]:8080"] },
              "tls": { "certificates": [ { "certificate": "{{certificate}}", "key": "{{key}}" } ] }
            """).ExpectValid().Listen;

        Assert.Equal([new Uri("http://0.0.0.0:80"), new Uri("https://0.0.0.0:443"), new Uri("http://[::1]:8080")], listen.Proxy);
        Assert.True(listen.HasTls);
        Assert.True(listen.HasPlain);
    }

    [Fact]
    public void Every_Bad_Proxy_Url_Is_Reported_At_Its_Own_Path_At_Once()
    {
        var result = TestConfig.ReadWith("""
              "listen": { "proxy": ["http://0.0.0.0:80", "https://0.0.0.0:443", "ftp://127.0.0.1:21", "http://127.0.0.1:80", "http://[::1]:8080", "http://[::1]:8080"] }
            """);

        result.ExpectError("listen:proxy:1", "an https listener needs a certificate: add one to tls:certificates");
        result.ExpectError("listen:proxy:2", "must use the http or https scheme");
        result.ExpectError("listen:proxy:3", "binds the same address as listen:proxy:0");
        result.ExpectError("listen:proxy:5", "binds the same address as listen:proxy:4");
        Assert.Equal(4, result.Errors.Count);
    }

    [Fact]
    public void An_Https_Proxy_Without_Any_Certificate_Is_An_Error()
    {
        TestConfig.ReadWith("""  "listen": { "proxy": "https://127.0.0.1:8443" }  """)
            .ExpectOnlyError("listen:proxy", "an https listener needs a certificate");
    }

    [Fact]
    public void The_Admin_Listener_Cannot_Share_An_Address_With_Any_Proxy_Listener()
    {
        TestConfig.ReadWith("""  "listen": { "proxy": ["http://127.0.0.1:9000", "http://[::]:9001"], "admin": "http://127.0.0.1:9001" }  """)
            .ExpectOnlyError("listen:admin", "must differ from listen:proxy:1");
    }

    [Fact]
    public void An_Empty_Proxy_List_Is_An_Error()
    {
        var result = TestConfig.Read(TestConfig.Document(extra: """  "listen": { "admin": "http://127.0.0.1:8081" }  """), ("listen:proxy", string.Empty));

        result.ExpectOnlyError("listen:proxy", "must not be empty");
    }

    [Fact]
    public void H2c_Names_Plain_Proxy_Listeners()
    {
        var listen = TestConfig.ReadWith("""
              "listen": { "proxy": ["http://127.0.0.1:8080", "http://127.0.0.1:8082"], "h2c": ["http://127.0.0.1:8082"] }
            """).ExpectValid().Listen;

        Assert.False(listen.IsH2c(new Uri("http://127.0.0.1:8080")));
        Assert.True(listen.IsH2c(new Uri("http://127.0.0.1:8082")));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9999", "must be one of the listen:proxy URLs")]
    [InlineData("https://127.0.0.1:8443", "must be a plain http listener")]
    [InlineData("127.0.0.1:8080", "must be an absolute http or https URL")]
    [InlineData("http://127.0.0.1:0", "names more than one listen:proxy listener")]
    public void H2c_Of_Anything_But_A_Plain_Proxy_Listener_Is_An_Error(string url, string message)
    {
        using var files = new TestCertificates();
        var (certificate, key) = files.Write("site", "site", "www.example.com");
        TestConfig.ReadWith($$"""
              "listen": { "proxy": ["http://127.0.0.1:8080", "https://127.0.0.1:8443", "http://127.0.0.1:0", "http://127.0.0.1:0"], "h2c": ["{{url}}"] },
              "tls": { "certificates": [ { "certificate": "{{certificate}}", "key": "{{key}}" } ] }
            """).ExpectOnlyError("listen:h2c:0", message);
    }
}
