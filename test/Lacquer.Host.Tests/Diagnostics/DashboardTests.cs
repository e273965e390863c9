// docs/grafana/lacquer.json and docs/observability.md name only metrics Lacquer exports, and the docs name every
// one. The exported names are derived from the instruments a server creates, with the exporter's rules (dots
// to underscores, "s" adds _seconds, "By" adds _bytes, counters end in _total); MetricsTests checks those rules
// against a real scrape for the series a conversation produces.
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lacquer.Proxy;

namespace Lacquer.Diagnostics;

public sealed partial class DashboardTests
{
    [Fact]
    public void Dashboard_Queries_Only_Exported_Metrics()
    {
        var exported = ExportedNames();
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "grafana", "lacquer.json")));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!)
            .ToList();
        Assert.NotEmpty(expressions);

        var used = expressions.SelectMany(expression => MetricName().Matches(expression).Select(match => match.Value)).ToHashSet(StringComparer.Ordinal);
        Assert.All(used, name => Assert.Contains(Family(name, exported), exported));
    }

    [Fact]
    public void Observability_Page_Documents_Every_Exported_Metric_And_No_Other()
    {
        var exported = ExportedNames();
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "observability.md"));
        var documented = DocumentedName().Matches(page).Select(match => match.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(exported.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    /// <summary>The Prometheus family a sample name belongs to (a histogram's _bucket, _sum and _count are its own).</summary>
    private static string Family(string name, HashSet<string> exported)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && exported.Contains(name[..^suffix.Length]))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    private static HashSet<string> ExportedNames()
    {
        using var metrics = new LacquerMetrics(static () => []);
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (metrics.Owns(instrument))
            {
                names.Add(PrometheusName(instrument));
            }
        };
        listener.Start();
        Assert.Equal(20, names.Count);
        return names;
    }

    private static string PrometheusName(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_');
        name += instrument.Unit switch
        {
            "s" => "_seconds",
            "By" => "_bytes",
            _ => "",
        };
        var isCounter = instrument.GetType().IsGenericType
            && instrument.GetType().GetGenericTypeDefinition() is var definition
            && (definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>));
        return isCounter ? name + "_total" : name;
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lacquer.slnx")))
        {
            directory = directory.Parent;
        }

        Assert.True(directory is not null, $"No folder above {AppContext.BaseDirectory} contains Lacquer.slnx.");
        return directory.FullName;
    }

    [GeneratedRegex("lacquer_[a-z_]+")]
    private static partial Regex MetricName();

    /// <summary>A metric in the first column of the page's table: | `lacquer_…` |.</summary>
    [GeneratedRegex(@"^\| `(?<name>lacquer_[a-z_]+)` \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedName();
}
