// Owns: exporting one server's metrics (docs/observability.md, "Exporter"). The OpenTelemetry SDK listens to
// the engine's System.Diagnostics.Metrics meters, takes only this server's instruments (LacquerMetrics.Owns),
// and serves them in the Prometheus text format at GET /metrics on the admin listener; when metrics:otlp is
// set it also pushes them to that OTLP collector every metrics:otlpInterval.
using Lacquer.Configuration;
using Lacquer.Diagnostics;
using Lacquer.Proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace Lacquer.Admin;

internal sealed class MetricsExport : IDisposable
{
    public const string Path = "/metrics";

    private readonly MeterProvider _provider;
    private readonly LacquerMetrics _metrics;

    public MetricsExport(LacquerMetrics metrics, MetricsSettings settings)
    {
        _metrics = metrics;
        var builder = Sdk.CreateMeterProviderBuilder()
            .AddMeter(LacquerMetrics.MeterNames)
            .AddView(instrument => metrics.Owns(instrument) ? null : MetricStreamConfiguration.Drop)
            .AddPrometheusExporter(options =>
            {
                options.ScrapeEndpointPath = Path;
                options.ScrapeResponseCacheDurationMilliseconds = 0; // every scrape is current
                options.ScopeInfoEnabled = false;
                options.TargetInfoEnabled = false;
            });
        if (settings.Otlp is { } endpoint)
        {
            builder.AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = endpoint;
                exporter.Protocol = settings.OtlpProtocol == MetricsSettings.HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.OtlpInterval.TotalMilliseconds;
                reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
            });
        }

        _provider = builder.Build();
    }

    public void Map(IEndpointRouteBuilder app) => app.MapPrometheusScrapingEndpoint(Path, _provider, configureBranchedPipeline: null, optionsName: null);

    /// <summary>Stops exporting, then closes the server's meters.</summary>
    public void Dispose()
    {
        _provider.Dispose();
        _metrics.Dispose();
    }
}
