// A configured API token at run time: its name (what logs and the audit show), the SHA-256 of its secret,
// the zones it covers and its permissions.
using Lacquer.Configuration;
using Lacquer.Zones;

namespace Lacquer.Security;

internal sealed class ApiToken(TokenSettings settings)
{
    private readonly bool _allZones = settings.Zones.Contains(TokenSettings.AllZones);

    public string Name { get; } = settings.Name;

    public byte[] SecretSha256 { get; } = settings.SecretSha256;

    public bool Covers(Zone zone) => CoversZoneNamed(zone.Name);

    public bool CoversZoneNamed(string zoneName) =>
        _allZones || settings.Zones.Any(name => string.Equals(name, zoneName, StringComparison.OrdinalIgnoreCase));

    public bool CoversAllZones => _allZones;

    public bool Has(string permission) => settings.Permissions.Contains(permission, StringComparer.OrdinalIgnoreCase);
}
