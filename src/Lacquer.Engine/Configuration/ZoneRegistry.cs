namespace Lacquer.Configuration;

/// <summary>
/// Enforces what must be unique across zones — names (case-insensitively), ids and hosts — reporting a
/// clash at the later path and naming the earlier one. Also remembers each zone name's spelling for
/// the token reader.
/// </summary>
internal sealed class ZoneRegistry(List<ConfigError> errors)
{
    private readonly Dictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _namePaths = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _idPaths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _hostPaths = new(StringComparer.Ordinal);

    /// <summary>Zone names as configured, keyed case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Names => _names;

    public bool ClaimName(string name, string path)
    {
        if (!Claim(_namePaths, name, path, "zone name"))
        {
            return false;
        }

        _names[name] = name;
        return true;
    }

    public bool ClaimId(string id, string path) => Claim(_idPaths, id, path, "zone id");

    public bool ClaimHost(string host, string path) => Claim(_hostPaths, host, path, "host");

    private bool Claim(Dictionary<string, string> firstPaths, string value, string path, string noun)
    {
        if (firstPaths.TryGetValue(value, out var firstPath))
        {
            errors.Add(new(path, $"{noun} {ObjectReader.Quote(value)} is already used by {firstPath}"));
            return false;
        }

        firstPaths[value] = path;
        return true;
    }
}
