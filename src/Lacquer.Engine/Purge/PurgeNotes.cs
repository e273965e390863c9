// Why a purge selector can match nothing whatever is stored, for the audit record and the log line: a URL,
// host or prefix whose host is not a host of the purge's zones, or a URL whose scheme no key of its zone can
// have (a zone keys https only behind a trusted proxy that states it, or with "scheme": "https"). Such a purge
// still succeeds — Cloudflare's contract reports success when nothing matched — but the record says why.
using Lacquer.Caching.Store;

namespace Lacquer.Purge;

internal static class PurgeNotes
{
    public static IReadOnlyList<string> For(PurgeCommand command)
    {
        List<string>? notes = null;
        foreach (var selector in command.Selectors)
        {
            if (Note(command, selector) is { } note && !(notes ??= []).Contains(note))
            {
                notes.Add(note);
            }
        }

        return notes ?? (IReadOnlyList<string>)[];
    }

    private static string? Note(PurgeCommand command, PurgeSelector selector)
    {
        if (selector.Kind is not (PurgeSelectorKind.Url or PurgeSelectorKind.Host or PurgeSelectorKind.Prefix))
        {
            return null;
        }

        var hostZones = command.Zones.Where(zone => zone.Hosts.Contains(selector.Host, StringComparer.Ordinal)).ToList();
        if (hostZones.Count == 0)
        {
            var names = string.Join(", ", command.Zones.Select(zone => $"'{zone.Name}'"));
            return $"{PurgeService.Describe(selector)} matches nothing: {selector.Host} is not a host of zone {names}";
        }

        if (selector.Kind != PurgeSelectorKind.Url)
        {
            return null;
        }

        var scheme = selector.Value[..selector.Value.IndexOf("://", StringComparison.Ordinal)];
        if (hostZones.Any(zone => zone.KeySchemes.Contains(scheme, StringComparer.Ordinal)))
        {
            return null;
        }

        var zone = hostZones[0];
        return $"{PurgeService.Describe(selector)} matches nothing: zone '{zone.Name}' keys only {string.Join(" and ", zone.KeySchemes)} URLs"
            + (scheme == Zones.SiteAddress.Https
                ? " (https keys need an https listener, trustedProxies that state it, or the zone's scheme setting)"
                : " (http keys need a plain http listener, trustedProxies that state it, or the zone's scheme setting)");
    }
}
