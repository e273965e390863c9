// Matches a request to a zone by its Host field — case-insensitive, port ignored — and works out the URL its
// client sees (SiteAddress): the zone's own spelling of the host, and the scheme. The table also holds the
// trusted proxies, whose forwarding fields may state that scheme, so that one snapshot answers both.
// Immutable: a configuration reload builds a new table (ConfigurationReload) and swaps it into the proxy by
// reference (CachingProxy.ReplaceZones). A request reads the table once and finishes on it; a handler that
// outlives a reload (purge surfaces, the request observer, metrics) is given a thunk, () => proxy.Zones, and
// reads the current table on each use.
using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Zones;

internal sealed class ZoneTable
{
    private readonly FrozenDictionary<string, (Zone Zone, string Host)> _byHost;

    public ZoneTable(IEnumerable<Zone> zones, TrustedProxies? trustedProxies = null)
    {
        Zones = [.. zones];
        TrustedProxies = trustedProxies ?? TrustedProxies.None;
        var byHost = new Dictionary<string, (Zone, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (var zone in Zones)
        {
            foreach (var host in zone.Hosts)
            {
                byHost[host] = (zone, host);
            }
        }

        _byHost = byHost.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<Zone> Zones { get; }

    public TrustedProxies TrustedProxies { get; }

    /// <summary>The zone of a request and the URL its client sees.</summary>
    public HostMatch Resolve(HttpContext context, out Zone zone, out SiteAddress site)
    {
        site = default;
        var match = Match(context.Request.Headers.Host.ToString(), out zone, out var host);
        if (match != HostMatch.Zone)
        {
            return match;
        }

        var trusted = !TrustedProxies.IsEmpty && TrustedProxies.Contains(context.Connection.RemoteIpAddress);
        var scheme = zone.Scheme
            ?? (trusted ? ForwardedScheme.StatedBy(context.Request.Headers) : null)
            ?? (context.Request.IsHttps ? SiteAddress.Https : SiteAddress.Http);
        site = new SiteAddress(scheme, host, trusted);
        return HostMatch.Zone;
    }

    /// <summary>Finds the zone for a Host field such as <c>www.example.com:8080</c> or <c>[::1]:80</c>.</summary>
    /// <param name="host">The zone's canonical spelling of the host (as configured: lower-case ASCII).</param>
    public HostMatch Match(string? hostField, out Zone zone, out string host)
    {
        zone = null!;
        host = string.Empty;
        if (!HostField.TryReadHost(hostField, out var name))
        {
            return HostMatch.Malformed;
        }

        if (name.IsEmpty || !_byHost.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var entry))
        {
            return HostMatch.NoZone;
        }

        (zone, host) = entry;
        return HostMatch.Zone;
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
}
