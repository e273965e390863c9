// Matches a request's Host to a zone: case-insensitive, port ignored (issue 2, PRODUCT.md "Zone").
// Immutable; a configuration change builds a new table and swaps it by reference.
using System.Collections.Frozen;

namespace Lacquer.Zones;

internal sealed class ZoneTable
{
    private readonly FrozenDictionary<string, Zone> _byHost;

    public ZoneTable(IEnumerable<Zone> zones)
    {
        Zones = [.. zones];
        var byHost = new Dictionary<string, Zone>(StringComparer.OrdinalIgnoreCase);
        foreach (var zone in Zones)
        {
            foreach (var host in zone.Hosts)
            {
                byHost[host] = zone;
            }
        }

        _byHost = byHost.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<Zone> Zones { get; }

    /// <summary>Finds the zone for a Host header value such as <c>www.example.com:8080</c> or <c>[::1]:80</c>.</summary>
    public bool TryMatch(string? hostHeader, out Zone zone)
    {
        zone = null!;
        if (string.IsNullOrEmpty(hostHeader))
        {
            return false;
        }

        var host = HostWithoutPort(hostHeader);
        return _byHost.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(host, out zone!);
    }

    /// <summary>The zone with this 32-hex id (any case), or null.</summary>
    public Zone? FindById(string id)
    {
        foreach (var zone in Zones)
        {
            if (string.Equals(zone.Id, id, StringComparison.OrdinalIgnoreCase))
            {
                return zone;
            }
        }

        return null;
    }

    public Zone? FindByName(string name)
    {
        foreach (var zone in Zones)
        {
            if (string.Equals(zone.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return zone;
            }
        }

        return null;
    }

    /// <summary>Strips an optional <c>:port</c>; keeps IPv6 literals in brackets intact.</summary>
    internal static ReadOnlySpan<char> HostWithoutPort(ReadOnlySpan<char> host)
    {
        if (host.Length > 0 && host[0] == '[')
        {
            var close = host.IndexOf(']');
            return close < 0 ? host : host[..(close + 1)];
        }

        var colon = host.LastIndexOf(':');
        return colon < 0 ? host : host[..colon];
    }
}
