using Lacquer.Diagnostics;

namespace Lacquer.Configuration;

/// <summary>metrics (OTLP push) and log (the request log): defaults, accepted values, and each bad value's error.</summary>
public sealed class ObservabilitySettingsTests
{
    [Fact]
    public void Defaults_Are_No_Otlp_Push_And_No_Request_Log()
    {
        var settings = TestConfig.Read(TestConfig.Document()).ExpectValid();

        Assert.Null(settings.Metrics.Otlp);
        Assert.Equal(MetricsSettings.Grpc, settings.Metrics.OtlpProtocol);
        Assert.Equal(TimeSpan.FromSeconds(15), settings.Metrics.OtlpInterval);
        Assert.Equal(LogSettings.Off, settings.Log.Requests);
        Assert.Equal(RequestLogFormat.Combined, settings.Log.Format);
    }

    [Fact]
    public void Reads_Otlp_Endpoint_Protocol_And_Interval()
    {
        var metrics = TestConfig.ReadWith("""  "metrics": { "otlp": "http://collector:4318", "otlpProtocol": "http/protobuf", "otlpInterval": "5s" }  """)
            .ExpectValid().Metrics;

        Assert.Equal(new Uri("http://collector:4318"), metrics.Otlp);
        Assert.Equal(MetricsSettings.HttpProtobuf, metrics.OtlpProtocol);
        Assert.Equal(TimeSpan.FromSeconds(5), metrics.OtlpInterval);
    }

    [Theory]
    [InlineData("stdout", "json", "stdout", nameof(RequestLogFormat.Json))]
    [InlineData("/var/log/lacquer/access.log", "combined", "/var/log/lacquer/access.log", nameof(RequestLogFormat.Combined))]
    [InlineData("off", "json", "off", nameof(RequestLogFormat.Json))]
    public void Reads_The_Request_Log_Target_And_Format(string requests, string format, string expectedRequests, string expectedFormat)
    {
        var log = TestConfig.ReadWith($$"""  "log": { "requests": "{{requests}}", "format": "{{format}}" }  """).ExpectValid().Log;

        Assert.Equal(expectedRequests, log.Requests);
        Assert.Equal(Enum.Parse<RequestLogFormat>(expectedFormat), log.Format);
    }

    [Theory]
    [InlineData("""  "metrics": { "otlp": "collector:4317" }  """, "metrics:otlp", "must be an absolute http or https URL")]
    [InlineData("""  "metrics": { "otlp": "ftp://collector" }  """, "metrics:otlp", "must be an absolute http or https URL")]
    [InlineData("""  "metrics": { "otlpProtocol": "udp" }  """, "metrics:otlpProtocol", "must be grpc or http/protobuf")]
    [InlineData("""  "metrics": { "otlpInterval": "0s" }  """, "metrics:otlpInterval", "must be between")]
    [InlineData("""  "metrics": { "prometheus": true }  """, "metrics:prometheus", "")]
    [InlineData("""  "log": { "format": "common" }  """, "log:format", "must be combined or json")]
    [InlineData("""  "log": { "requests": " " }  """, "log:requests", "must be off, stdout or the path of a file")]
    [InlineData("""  "log": { "level": "debug" }  """, "log:level", "")]
    public void Bad_Values_And_Unknown_Keys_Are_Errors_At_Their_Path(string member, string path, string message)
    {
        TestConfig.ReadWith(member).ExpectOnlyError(path, message);
    }
}
