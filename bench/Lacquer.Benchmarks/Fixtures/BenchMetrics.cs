// The metrics pipeline as a server runs it, minus the HTTP scrape: the OpenTelemetry SDK listening to one
// LacquerMetrics (the same meters, view filter and bucket advice as the admin listener's exporter), with a
// reader whose exporter discards what it is given. Recording into it costs what it costs in production.
using Lacquer.Proxy;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Lacquer.Benchmarks.Fixtures;

internal static class BenchMetrics
{
    public static MeterProvider Listen(LacquerMetrics metrics) => Sdk.CreateMeterProviderBuilder()
        .AddMeter(LacquerMetrics.MeterNames)
        .AddView(instrument => metrics.Owns(instrument) ? null : MetricStreamConfiguration.Drop)
        .AddReader(new BaseExportingMetricReader(new DiscardingExporter()))
        .Build();

    private sealed class DiscardingExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
