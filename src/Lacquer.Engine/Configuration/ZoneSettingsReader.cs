namespace Lacquer.Configuration;

/// <summary>
/// Reads <c>zones</c>: at least one zone, each an object with a unique name, a unique 32-hex id, hosts
/// that belong to no other zone, and an origin URL; per-zone TTLs and timeout default to the
/// <c>cache</c> section's values. A zone with any error is left out of the result (the whole read
/// then fails), but its valid parts still take part in uniqueness checks.
/// </summary>
internal static class ZoneSettingsReader
{
    private static readonly string[] Keys =
    [
        "name", "id", "hosts", "origin", "cacheKeyHeaders", "tagHeaders",
        "defaultTtl", "maxHeuristicTtl", "cacheSetCookie", "originTimeout",
        "serveStaleOnError", "honorClientNoCache", "targetedCacheControl", "stripTargetedCacheControl", "scheme",
        "maxRanges", "maxVariants",
    ];

    public static ZoneReadResult ReadAll(ObjectReader root, CacheSettings cache)
    {
        var errors = root.Errors;
        var registry = new ZoneRegistry(errors);
        var zones = new List<ZoneSettings>();
        var node = root.Node("zones");
        var hasItems = node.TryReadItems(errors, out var items);
        if (items.Count == 0)
        {
            if (hasItems || node.IsMissing)
            {
                errors.Add(new(node.Path, "at least one zone is required"));
            }

            return new ZoneReadResult([], registry.Names);
        }

        foreach (var item in items)
        {
            if (Read(item, cache, registry, errors) is { } zone)
            {
                zones.Add(zone);
            }
        }

        return new ZoneReadResult([.. zones], registry.Names);
    }

    private static ZoneSettings? Read(ConfigNode node, CacheSettings cache, ZoneRegistry registry, List<ConfigError> errors)
    {
        if (node.Shape != NodeShape.Object)
        {
            errors.Add(new(node.Path, $"expected an object describing a zone, found {node.Describe()}"));
            return null;
        }

        var errorsBefore = errors.Count;
        var zone = ObjectReader.ForObject(node, Keys, errors);
        var name = ReadName(zone.Node("name"), registry, errors);
        var id = ReadId(zone.Node("id"), registry, errors);
        var hosts = ReadHosts(zone.Node("hosts"), registry, errors);
        var origin = ReadOrigin(zone.Node("origin"), errors);
        var cacheKeyHeaders = StringListReader.Read(zone.Node("cacheKeyHeaders"), errors, requiredMessage: null, HeaderName);
        var tagHeaders = TagHeaderSettingsReader.Read(zone.Node("tagHeaders"), errors);
        var defaultTtl = zone.Duration("defaultTtl", TimeSpan.Zero, TimeSpan.Zero, CacheSettingsReader.MaxTtl);
        var maxHeuristicTtl = zone.Duration("maxHeuristicTtl", cache.MaxHeuristicTtl, TimeSpan.Zero, CacheSettingsReader.MaxTtl);
        var cacheSetCookie = zone.Boolean("cacheSetCookie", fallback: false);
        var originTimeout = zone.Duration(
            "originTimeout", cache.OriginTimeout, CacheSettingsReader.MinOriginTimeout, CacheSettingsReader.MaxOriginTimeout);
        var serveStaleOnError = zone.Duration("serveStaleOnError", ZoneSettings.DefaultServeStaleOnError, TimeSpan.Zero, CacheSettingsReader.MaxTtl);
        var honorClientNoCache = zone.Boolean("honorClientNoCache", fallback: true);
        var targeted = zone.Node("targetedCacheControl").IsMissing
            ? ZoneSettings.DefaultTargetedCacheControl
            : StringListReader.Read(zone.Node("targetedCacheControl"), errors, requiredMessage: null, HeaderName);
        var stripTargeted = zone.Boolean("stripTargetedCacheControl", fallback: false);
        var scheme = ReadScheme(zone.Node("scheme"), errors);
        var maxRanges = zone.Integer("maxRanges", cache.MaxRanges, 1, CacheSettingsReader.MaxRangesLimit);
        var maxVariants = zone.Integer("maxVariants", cache.MaxVariants, 1, CacheSettingsReader.MaxVariantsLimit);
        if (errors.Count > errorsBefore || name is null || id is null || origin is null)
        {
            return null;
        }

        return new ZoneSettings(
            name, id, hosts, origin, cacheKeyHeaders, tagHeaders, defaultTtl, maxHeuristicTtl, cacheSetCookie, originTimeout)
        {
            ServeStaleOnError = serveStaleOnError,
            HonorClientNoCache = honorClientNoCache,
            TargetedCacheControl = targeted,
            StripTargetedCacheControl = stripTargeted,
            Scheme = scheme,
            MaxRanges = maxRanges,
            MaxVariants = maxVariants,
        };
    }

    private static string? ReadName(ConfigNode node, ZoneRegistry registry, List<ConfigError> errors)
    {
        if (!node.TryReadText(errors, required: true, out var name))
        {
            return null;
        }

        if (!Syntax.IsName(name))
        {
            errors.Add(new(node.Path, $"must contain only letters, digits, '-', '_' and '.' (found {ObjectReader.Quote(name)})"));
            return null;
        }

        return registry.ClaimName(name, node.Path) ? name : null;
    }

    private static string? ReadId(ConfigNode node, ZoneRegistry registry, List<ConfigError> errors)
    {
        if (!node.TryReadText(errors, required: true, out var text))
        {
            return null;
        }

        if (!Syntax.IsHex(text, 32))
        {
            errors.Add(new(node.Path, $"must be exactly 32 hexadecimal characters (found {ObjectReader.Quote(text)})"));
            return null;
        }

        var id = text.ToLowerInvariant();
        return registry.ClaimId(id, node.Path) ? id : null;
    }

    private static IReadOnlyList<string> ReadHosts(ConfigNode node, ZoneRegistry registry, List<ConfigError> errors) =>
        StringListReader.Read(
            node, errors, "is required: list at least one host name", HostName, rejectDuplicates: false, claim: registry.ClaimHost);

    /// <summary>"http" or "https" (any case; stored lower-case): every key of the zone has that scheme. Not set: null.</summary>
    private static string? ReadScheme(ConfigNode node, List<ConfigError> errors)
    {
        if (node.IsMissing || !node.TryReadText(errors, required: false, out var text))
        {
            return null;
        }

        if (text.Equals("https", StringComparison.OrdinalIgnoreCase) || text.Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            return text.ToLowerInvariant();
        }

        errors.Add(new(node.Path, $"must be http or https (found {ObjectReader.Quote(text)})"));
        return null;
    }

    private static Uri? ReadOrigin(ConfigNode node, List<ConfigError> errors)
    {
        if (!node.TryReadText(errors, required: true, out var text))
        {
            return null;
        }

        var origin = OriginUrls.Parse(text, out var problem);
        if (origin is null)
        {
            errors.Add(new(node.Path, problem));
        }

        return origin;
    }

    private static (string? Value, string Problem) HostName(string text)
    {
        var host = HostNames.Normalize(text, out var problem);
        return (host, $"{problem} (found {ObjectReader.Quote(text)})");
    }

    private static (string? Value, string Problem) HeaderName(string text) =>
        Syntax.IsToken(text)
            ? (text, string.Empty)
            : (null, $"must be a header field name made of RFC 9110 token characters (found {ObjectReader.Quote(text)})");
}
