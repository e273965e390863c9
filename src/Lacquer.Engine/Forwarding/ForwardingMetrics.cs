// Owns: the Lacquer.Forwarding meter — how long origins take to answer (request sent to response head),
// origin failures by kind, and upgraded connections (open now, refused by their caps). Fetched also leaves the
// time on the request (ForwardedExchange) for the request log.
using System.Diagnostics.Metrics;
using Lacquer.Diagnostics;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Forwarding;

internal sealed class ForwardingMetrics
{
    public const string MeterName = "Lacquer.Forwarding";

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _upgradesRefused;
    private UpgradeLimiter? _upgrades;

    public ForwardingMetrics(Meter meter)
    {
        Meter = meter;
        _duration = meter.CreateHistogram("lacquer.origin.fetch.duration", "s", "Time from sending a request to the origin to its response head, by zone.", tags: null, DurationBuckets.Seconds);
        _errors = meter.CreateCounter<long>("lacquer.origin.errors", "{error}", "Origin exchanges that failed, by zone and kind.");
        _upgradesRefused = meter.CreateCounter<long>("lacquer.upgrades.refused", "{upgrade}", "Upgrade requests refused because a cap on open upgraded connections was reached, by zone and cap.");
        meter.CreateObservableGauge("lacquer.upgrades.open", () => (long)(Volatile.Read(ref _upgrades)?.Open ?? 0), "{connection}", "Upgraded connections (WebSockets and other tunnels) open now.");
    }

    public Meter Meter { get; }

    /// <summary>One origin exchange of <paramref name="context"/>'s request has ended (with a response head or an error).</summary>
    public void Fetched(HttpContext context, Zone zone, OriginError error, TimeSpan elapsed)
    {
        var zoneTag = new KeyValuePair<string, object?>("zone", zone.Name);
        if (error == OriginError.None)
        {
            _duration.Record(elapsed.TotalSeconds, zoneTag);
        }
        else
        {
            _errors.Add(1, zoneTag, new KeyValuePair<string, object?>("kind", Kind(error)));
        }

        ForwardedExchange.AddOriginTime(context, elapsed);
    }

    /// <summary>Reports the open upgraded connections <paramref name="upgrades"/> counts.</summary>
    public void Observe(UpgradeLimiter upgrades) => Volatile.Write(ref _upgrades, upgrades);

    /// <summary>An upgrade request of <paramref name="zone"/> was refused by a cap.</summary>
    public void UpgradeRefused(Zone zone, UpgradeAdmission admission) =>
        _upgradesRefused.Add(1, new KeyValuePair<string, object?>("zone", zone.Name), new KeyValuePair<string, object?>("limit", admission == UpgradeAdmission.ClientLimit ? "client" : "total"));

    public static string Kind(OriginError error) => error switch
    {
        OriginError.Unreachable => "unreachable",
        OriginError.InvalidResponse => "invalid_response",
        OriginError.Timeout => "timeout",
        OriginError.ClientAborted => "client_aborted",
        OriginError.NoHealthyOrigin => "no_healthy_origin",
        _ => "none",
    };
}
