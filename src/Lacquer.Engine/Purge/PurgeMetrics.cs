// Owns: the Lacquer.Purge meter — purges, the objects they matched and how long they took, by surface (the
// API that asked: cloudflare, purge-method, crafter, …), selector kind and mode (hard or soft). A purge that
// names selectors of several kinds is labelled "mixed".
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Lacquer.Caching.Store;
using Lacquer.Diagnostics;

namespace Lacquer.Purge;

internal sealed class PurgeMetrics
{
    public const string MeterName = "Lacquer.Purge";

    private readonly Counter<long> _purges;
    private readonly Counter<long> _matched;
    private readonly Histogram<double> _duration;

    public PurgeMetrics(Meter meter)
    {
        Meter = meter;
        _purges = meter.CreateCounter<long>("lacquer.purges", "{purge}", "Purges applied, by surface, selector kind and mode.");
        _matched = meter.CreateCounter<long>("lacquer.purge.matched_objects", "{object}", "Stored objects purges matched, by surface, selector kind and mode.");
        _duration = meter.CreateHistogram("lacquer.purge.duration", "s", "Time to apply a purge to the store, by surface, selector kind and mode.", tags: null, DurationBuckets.Seconds);
    }

    public Meter Meter { get; }

    public void Purged(PurgeCommand command, string surface, long matched, TimeSpan duration)
    {
        var tags = new TagList
        {
            { "surface", surface },
            { "selector", SelectorLabel(command.Selectors) },
            { "mode", command.Soft ? "soft" : "hard" },
        };
        _purges.Add(1, tags);
        _matched.Add(matched, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    public static string SelectorLabel(IReadOnlyList<PurgeSelector> selectors)
    {
        if (selectors.Count == 0)
        {
            return "none";
        }

        var kind = selectors[0].Kind;
        foreach (var selector in selectors)
        {
            if (selector.Kind != kind)
            {
                return "mixed";
            }
        }

        return kind switch
        {
            PurgeSelectorKind.Everything => "everything",
            PurgeSelectorKind.Url => "url",
            PurgeSelectorKind.Tag => "tag",
            PurgeSelectorKind.Host => "host",
            _ => "prefix",
        };
    }
}
