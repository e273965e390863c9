// A zone's origin pool settings: origins (a list) or origin (one URL), loadBalancing, healthCheck, originHttp2,
// validateOriginCertificate and upgradeIdleTimeout. Each bad input is reported at its own path, and the zone is
// left out of the result.
namespace Lacquer.Configuration;

public sealed class OriginPoolSettingsTests
{
    [Fact]
    public void A_Single_Origin_Is_A_Pool_Of_One_With_The_Defaults()
    {
        var zone = TestConfig.ReadZone().ExpectValid().Zones[0];

        Assert.Equal([zone.Origin], zone.OriginPool.Origins);
        Assert.Equal(LoadBalancingPolicy.RoundRobin, zone.OriginPool.LoadBalancing);
        Assert.Null(zone.OriginPool.HealthCheck.Path);
        Assert.False(zone.OriginPool.TracksHealth);
        Assert.False(zone.OriginPool.Http2);
        Assert.True(zone.OriginPool.ValidateCertificates);
    }

    [Fact]
    public void Origins_Loadbalancing_And_Health_Checks_Are_Read()
    {
        var zone = TestConfig.ReadZone(
            ("origin", null),
            ("origins", """["http://10.0.0.11:9000", "https://10.0.0.12:9443/app/"]"""),
            ("loadBalancing", "\"Least-Requests\""),
            ("healthCheck", """{ "path": "/healthz", "interval": "2s", "timeout": "500ms", "healthyThreshold": 3, "unhealthyThreshold": 1, "reactivateAfter": "1m" }"""),
            ("originHttp2", "true"),
            ("validateOriginCertificate", "false"),
            ("upgradeIdleTimeout", "\"30s\"")).ExpectValid().Zones[0];

        Assert.Equal([new Uri("http://10.0.0.11:9000"), new Uri("https://10.0.0.12:9443/app/")], zone.OriginPool.Origins);
        Assert.Equal(new Uri("http://10.0.0.11:9000"), zone.Origin);
        Assert.Equal(LoadBalancingPolicy.LeastRequests, zone.OriginPool.LoadBalancing);
        Assert.Equal(new HealthCheckSettings("/healthz", TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500), 3, 1, TimeSpan.FromMinutes(1)), zone.OriginPool.HealthCheck);
        Assert.True(zone.OriginPool.TracksHealth);
        Assert.True(zone.OriginPool.Http2);
        Assert.False(zone.OriginPool.ValidateCertificates);
        Assert.Equal(TimeSpan.FromSeconds(30), zone.UpgradeIdleTimeout);
    }

    [Theory]
    [InlineData("origins", "[\"http://a.example\"]", "zones:0:origins", "set either origin (one URL) or origins (a list), not both")]
    [InlineData("loadBalancing", "\"weighted\"", "zones:0:loadBalancing", "must be one of round-robin, random, least-requests, power-of-two-choices, first")]
    [InlineData("healthCheck", "\"/healthz\"", "zones:0:healthCheck", "expected an object")]
    [InlineData("healthCheck", """{ "path": "healthz" }""", "zones:0:healthCheck:path", "must be an absolute path such as /healthz")]
    [InlineData("healthCheck", """{ "path": "/a b" }""", "zones:0:healthCheck:path", "must be an absolute path")]
    [InlineData("healthCheck", """{ "interval": "10ms" }""", "zones:0:healthCheck:interval", "must be between 100ms and 3600s")]
    [InlineData("healthCheck", """{ "timeout": "soon" }""", "zones:0:healthCheck:timeout", "must be a duration such as")]
    [InlineData("healthCheck", """{ "healthyThreshold": 0 }""", "zones:0:healthCheck:healthyThreshold", "must be a whole number from 1 to 100")]
    [InlineData("healthCheck", """{ "unhealthyThreshold": "x" }""", "zones:0:healthCheck:unhealthyThreshold", "must be a whole number from 1 to 100")]
    [InlineData("healthCheck", """{ "probe": "/x" }""", "zones:0:healthCheck:probe", "unknown setting")]
    [InlineData("originHttp2", "\"yes\"", "zones:0:originHttp2", "must be true or false")]
    [InlineData("validateOriginCertificate", "\"no\"", "zones:0:validateOriginCertificate", "must be true or false")]
    [InlineData("upgradeIdleTimeout", "\"0\"", "zones:0:upgradeIdleTimeout", "must be between 1s and 1d")]
    public void A_Bad_Pool_Setting_Is_Reported_At_Its_Path(string key, string json, string path, string message)
    {
        TestConfig.ReadZone((key, json)).ExpectOnlyError(path, message);
    }

    [Theory]
    [InlineData("[]", "zones:0:origins", "must list at least one origin URL")]
    [InlineData("\"http://a.example\"", "zones:0:origins", "expected an array")]
    [InlineData("""["http://a.example", "ftp://b.example"]""", "zones:0:origins:1", "must use http or https, not ftp")]
    [InlineData("""["http://a.example", "http://a.example"]""", "zones:0:origins:1", "is listed twice")]
    public void A_Bad_Origins_List_Is_Reported_At_Its_Path(string json, string path, string message)
    {
        TestConfig.ReadZone(("origin", null), ("origins", json)).ExpectOnlyError(path, message);
    }

    [Fact]
    public void Origin_Credentials_In_A_List_Are_Not_Repeated_In_The_Error()
    {
        var error = TestConfig.ReadZone(("origin", null), ("origins", """["http://user:hunter2@127.0.0.1:9000"]"""))
            .ExpectOnlyError("zones:0:origins:0", "user information");

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
