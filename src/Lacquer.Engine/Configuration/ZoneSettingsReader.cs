namespace Lacquer.Configuration;

/// <summary>
/// Reads <c>zones</c>: at least one zone, each an object with a unique name, a unique 32-hex id, hosts
/// that belong to no other zone, and an origin URL or a pool of them (<c>origins</c>, with <c>loadBalancing</c>,
/// <c>healthCheck</c>, <c>originHttp2</c> and <c>validateOriginCertificate</c>); per-zone TTLs and timeout default to the
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
        "maxRanges", "maxVariants", "origins", "loadBalancing", "healthCheck", "originHttp2", "validateOriginCertificate",
        "upgradeIdleTimeout",
    ];

    private static readonly string[] HealthCheckKeys =
        ["path", "interval", "timeout", "healthyThreshold", "unhealthyThreshold", "reactivateAfter"];

    /// <summary>The <c>loadBalancing</c> names, as configured (any case).</summary>
    private static readonly (string Name, LoadBalancingPolicy Policy)[] Policies =
    [
        ("round-robin", LoadBalancingPolicy.RoundRobin),
        ("random", LoadBalancingPolicy.Random),
        ("least-requests", LoadBalancingPolicy.LeastRequests),
        ("power-of-two-choices", LoadBalancingPolicy.PowerOfTwoChoices),
        ("first", LoadBalancingPolicy.First),
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
        var pool = ReadPool(zone, errors);
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
        var upgradeIdleTimeout = zone.Duration("upgradeIdleTimeout", ZoneSettings.DefaultUpgradeIdleTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        if (errors.Count > errorsBefore || name is null || id is null || pool is null)
        {
            return null;
        }

        return new ZoneSettings(
            name, id, hosts, pool.Origins[0], cacheKeyHeaders, tagHeaders, defaultTtl, maxHeuristicTtl, cacheSetCookie, originTimeout)
        {
            ServeStaleOnError = serveStaleOnError,
            HonorClientNoCache = honorClientNoCache,
            TargetedCacheControl = targeted,
            StripTargetedCacheControl = stripTargeted,
            Scheme = scheme,
            MaxRanges = maxRanges,
            MaxVariants = maxVariants,
            Pool = pool,
            UpgradeIdleTimeout = upgradeIdleTimeout,
        };
    }

    /// <summary>
    /// <c>origin</c> (one URL) or <c>origins</c> (a list of one or more), exactly one of the two, and the pool's
    /// policy, health checks and connection settings. Null when any of it is invalid.
    /// </summary>
    private static OriginPoolSettings? ReadPool(ObjectReader zone, List<ConfigError> errors)
    {
        var errorsBefore = errors.Count;
        var single = zone.Node("origin");
        var list = zone.Node("origins");
        IReadOnlyList<Uri> origins = [];
        if (!single.IsMissing && !list.IsMissing)
        {
            errors.Add(new(list.Path, "set either origin (one URL) or origins (a list), not both"));
        }
        else if (!list.IsMissing)
        {
            var texts = StringListReader.Read(list, errors, "must list at least one origin URL", OriginText);
            origins = [.. texts.Select(text => new Uri(text))];
        }
        else if (single.IsMissing)
        {
            errors.Add(new(single.Path, "is required: the origin's URL (or origins: a list of URLs)"));
        }
        else if (ReadOrigin(single, errors) is { } origin)
        {
            origins = [origin];
        }

        var policy = ReadPolicy(zone.Node("loadBalancing"), errors);
        var healthCheck = ReadHealthCheck(zone, errors);
        var http2 = zone.Boolean("originHttp2", fallback: false);
        var validate = zone.Boolean("validateOriginCertificate", fallback: true);
        return errors.Count > errorsBefore || origins.Count == 0
            ? null
            : new OriginPoolSettings(origins, policy, healthCheck, http2, validate);
    }

    private static (string? Value, string Problem) OriginText(string text)
    {
        var origin = OriginUrls.Parse(text, out var problem);
        return (origin?.OriginalString, problem);
    }

    private static LoadBalancingPolicy ReadPolicy(ConfigNode node, List<ConfigError> errors)
    {
        if (node.IsMissing || !node.TryReadText(errors, required: false, out var text))
        {
            return LoadBalancingPolicy.RoundRobin;
        }

        foreach (var (name, policy) in Policies)
        {
            if (name.Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                return policy;
            }
        }

        errors.Add(new(node.Path, $"must be one of {string.Join(", ", Policies.Select(entry => entry.Name))} (found {ObjectReader.Quote(text)})"));
        return LoadBalancingPolicy.RoundRobin;
    }

    /// <summary><c>healthCheck</c>: an object; every member optional, <c>path</c> turns on the active probe.</summary>
    private static HealthCheckSettings ReadHealthCheck(ObjectReader zone, List<ConfigError> errors)
    {
        var node = zone.Node("healthCheck");
        if (node.IsMissing)
        {
            return HealthCheckSettings.Default;
        }

        if (node.Shape != NodeShape.Object)
        {
            errors.Add(new(node.Path, $"expected an object such as {{ \"path\": \"/healthz\" }}, found {node.Describe()}"));
            return HealthCheckSettings.Default;
        }

        var check = ObjectReader.ForObject(node, HealthCheckKeys, errors);
        var defaults = HealthCheckSettings.Default;
        string? path = null;
        var pathNode = check.Node("path");
        if (pathNode.TryReadText(errors, required: false, out var text))
        {
            if (text.StartsWith('/') && !text.StartsWith("//", StringComparison.Ordinal) && !text.AsSpan().ContainsAnyExceptInRange('!', '~') && !text.Contains('#', StringComparison.Ordinal))
            {
                path = text;
            }
            else
            {
                errors.Add(new(pathNode.Path, $"must be an absolute path such as /healthz, visible ASCII without a fragment (found {ObjectReader.Quote(text)})"));
            }
        }

        var interval = check.Duration("interval", defaults.Interval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        var timeout = check.Duration("timeout", defaults.Timeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5));
        var healthy = check.Integer("healthyThreshold", defaults.HealthyThreshold, 1, 100);
        var unhealthy = check.Integer("unhealthyThreshold", defaults.UnhealthyThreshold, 1, 100);
        var reactivate = check.Duration("reactivateAfter", defaults.ReactivateAfter, TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1));
        return new HealthCheckSettings(path, interval, timeout, healthy, unhealthy, reactivate);
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
