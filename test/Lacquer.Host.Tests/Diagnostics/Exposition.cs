// A scraped Prometheus text exposition, read into series: "name{label="value",…}" (labels sorted by name,
// so a test names a series independently of the exporter's label order) → value. Comment lines are skipped.
using System.Globalization;
using System.Text.RegularExpressions;

namespace Lacquer.Diagnostics;

internal sealed partial class Exposition
{
    private readonly Dictionary<string, double> _series = new(StringComparer.Ordinal);

    public Exposition(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"Not a sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .Select(pair => $"{pair.Groups["name"].Value}=\"{pair.Groups["value"].Value}\"")
                .Order(StringComparer.Ordinal);
            _series[Key(match.Groups["name"].Value, string.Join(',', labels))] = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
    }

    public string Text { get; }

    /// <summary>The value of one series; fails the test, listing what there is, when it is missing.</summary>
    public double Value(string name, params string[] labels)
    {
        var key = Key(name, string.Join(',', labels.Order(StringComparer.Ordinal)));
        Assert.True(_series.TryGetValue(key, out var value), $"No series {key} in:\n{Text}");
        return value;
    }

    public bool Has(string name) => _series.Keys.Any(key => key == name || key.StartsWith(name + "{", StringComparison.Ordinal));

    private static string Key(string name, string labels) => labels.Length == 0 ? name : $"{name}{{{labels}}}";

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
