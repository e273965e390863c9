using Lacquer.Security;

namespace Lacquer.Configuration;

public sealed class TlsSettingsTests : IDisposable
{
    private readonly TestCertificates _files = new();

    [Fact]
    public void Certificates_Are_Read_With_Their_Hosts_And_The_One_Without_Hosts_Is_The_Default()
    {
        var shop = _files.Write("shop", "shop", "shop.example.com");
        var fallback = _files.Write("default", "default", "www.example.com");

        var tls = Read($$"""
            [ { "hosts": ["Shop.Example.com", "*.shop.example.com"], "certificate": "{{shop.Certificate}}", "key": "{{shop.Key}}" },
              { "certificate": "{{fallback.Certificate}}", "key": "{{fallback.Key}}" } ]
            """).ExpectValid().Tls;

        Assert.Equal(2, tls.Certificates.Count);
        Assert.Equal(["shop.example.com", "*.shop.example.com"], tls.Certificates[0].Hosts);
        Assert.Equal(shop.Certificate, tls.Certificates[0].Certificate);
        Assert.Same(tls.Certificates[1], tls.Default);
    }

    [Fact]
    public void Without_A_Certificate_Lacking_Hosts_The_First_Is_The_Default()
    {
        var a = _files.Write("a", "a", "a.example.com");
        var b = _files.Write("b", "b", "b.example.com");

        var tls = Read($$"""
            [ { "hosts": ["a.example.com"], "certificate": "{{a.Certificate}}", "key": "{{a.Key}}" },
              { "hosts": ["b.example.com"], "certificate": "{{b.Certificate}}", "key": "{{b.Key}}" } ]
            """).ExpectValid().Tls;

        Assert.Same(tls.Certificates[0], tls.Default);
    }

    [Fact]
    public void A_Missing_File_Is_Reported_At_Its_Setting_With_Its_Path()
    {
        var site = _files.Write("site", "site", "www.example.com");
        var missing = Path.Combine(_files.Directory, "missing.pem");

        Read($$"""[ { "certificate": "{{missing}}", "key": "{{site.Key}}" } ]""")
            .ExpectOnlyError("tls:certificates:0:certificate", $"{missing}: file not found");
        Read($$"""[ { "certificate": "{{site.Certificate}}", "key": "{{missing}}" } ]""")
            .ExpectOnlyError("tls:certificates:0:key", $"{missing}: file not found");
    }

    [Fact]
    public void A_File_That_Is_Not_Pem_Is_Reported_Without_Its_Content()
    {
        var site = _files.Write("site", "site", "www.example.com");
        const string Secret = "s3cr3t-not-a-key-4711";
        var garbage = _files.WriteFile("garbage.pem", $"{Secret}\n-----BEGIN NOTHING-----\n{Secret}\n");

        var certificateError = Read($$"""[ { "certificate": "{{garbage}}", "key": "{{site.Key}}" } ]""")
            .ExpectOnlyError("tls:certificates:0:certificate", $"{garbage}: no PEM certificate");
        var keyError = Read($$"""[ { "certificate": "{{site.Certificate}}", "key": "{{garbage}}" } ]""")
            .ExpectOnlyError("tls:certificates:0:key", $"{garbage}: no usable EC private key");

        Assert.DoesNotContain(Secret, certificateError.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, keyError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Key_Of_Another_Certificate_Is_Reported_At_The_Key()
    {
        var site = _files.Write("site", "site", "www.example.com");
        var other = _files.Write("other", "other", "www.example.com");

        Read($$"""[ { "certificate": "{{site.Certificate}}", "key": "{{other.Key}}" } ]""")
            .ExpectOnlyError("tls:certificates:0:key", $"{other.Key}: the private key does not match the certificate's public key");
    }

    [Fact]
    public void Every_Problem_Of_Every_Certificate_Is_Reported_At_Once()
    {
        var a = _files.Write("a", "a", "a.example.com");
        var b = _files.Write("b", "b", "b.example.com");

        var result = Read($$"""
            [ { "certificate": "{{a.Certificate}}", "key": "{{a.Key}}" },
              { "certificate": "{{b.Certificate}}", "key": "{{b.Key}}" },
              { "hosts": ["a.example.com", "a b"], "key": "{{a.Key}}" },
              { "hosts": ["A.example.com"], "certificate": "{{a.Certificate}}", "key": "{{a.Key}}", "password": "x" } ]
            """);

        result.ExpectError("tls:certificates:1:hosts", "only one certificate may leave out hosts, the default (also at tls:certificates:0)");
        result.ExpectError("tls:certificates:2:hosts:1", "a certificate's host is a name");
        result.ExpectError("tls:certificates:2:certificate", "is required");
        result.ExpectError("tls:certificates:3:hosts:0", "\"a.example.com\" already has a certificate (at tls:certificates:2:hosts:0)");
        result.ExpectError("tls:certificates:3:password", "unknown setting; expected one of: hosts, certificate, key");
        Assert.Equal(5, result.Errors.Count);
    }

    [Fact]
    public void Certificates_Must_Be_A_List()
    {
        TestConfig.ReadWith("""  "tls": { "certificates": { "certificate": "a.pem" } }  """)
            .ExpectOnlyError("tls:certificates", "expected an array, found an object");
    }

    public void Dispose() => _files.Dispose();

    private static ConfigResult Read(string certificates) =>
        TestConfig.ReadWith($$"""  "tls": { "certificates": {{certificates}} }  """);
}
