// Parses and validates a purge_cache body (docs/compat.md, "Cloudflare purge_cache") into selectors for one zone. Exactly one of:
// {"purge_everything":true}, {"files":[...]}, or any combination of tags, hosts and prefixes; plus the
// extension "soft": true. Every check runs before anything is purged, so a bad item fails the whole request
// and nothing changes (invariant 5). Unknown keys are ignored, as Cloudflare does.
using System.Text.Json;
using Lacquer.Caching.Keys;
using Lacquer.Caching.Store;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Purge.Api.Cloudflare;

internal static class CloudflarePurgeBody
{
    public const int MaxTagLength = 1024;
    public const int MaxPrefixSlashes = 31;

    /// <summary>A purge body nests three levels at most ({"files":[{"headers":{…}}]}); deeper is malformed.</summary>
    public const int MaxDepth = 16;

    public static (PurgeCommand? Command, CloudflareError? Error) Parse(ReadOnlySpan<byte> body, Zone zone, int maxItems)
    {
        // Not JSON, not Unicode text, or with a repeated member name: malformed (StrictJson).
        using var document = StrictJson.TryParse(body.ToArray(), MaxDepth);
        if (document is null)
        {
            return (null, CloudflareError.MalformedJson);
        }

        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.Object ? Validate(root, zone, maxItems) : (null, CloudflareError.MalformedJson);
    }

    private static (PurgeCommand?, CloudflareError?) Validate(JsonElement root, Zone zone, int maxItems)
    {
        var soft = false;
        if (root.TryGetProperty("soft", out var softValue))
        {
            if (softValue.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return (null, CloudflareError.NotABoolean("soft"));
            }

            soft = softValue.ValueKind == JsonValueKind.True;
        }

        var hasEverything = root.TryGetProperty("purge_everything", out var everything);
        var hasFiles = root.TryGetProperty("files", out var files);
        var hasTags = root.TryGetProperty("tags", out var tags);
        var hasHosts = root.TryGetProperty("hosts", out var hosts);
        var hasPrefixes = root.TryGetProperty("prefixes", out var prefixes);
        var others = (hasTags ? 1 : 0) + (hasHosts ? 1 : 0) + (hasPrefixes ? 1 : 0);
        if (!hasEverything && !hasFiles && others == 0)
        {
            return (null, CloudflareError.NoPurgeKey);
        }

        if ((hasEverything && (hasFiles || others > 0)) || (hasFiles && others > 0))
        {
            return (null, CloudflareError.Mixed);
        }

        if (hasEverything)
        {
            return everything.ValueKind == JsonValueKind.True
                ? (new PurgeCommand([zone], [PurgeSelector.Everything], soft), null)
                : (null, CloudflareError.PurgeEverythingNotTrue);
        }

        var selectors = new List<PurgeSelector>();
        var error = hasFiles
            ? ReadFiles(files, zone, maxItems, selectors)
            : ReadStrings(tags, "tags", hasTags, maxItems, selectors, ReadTag)
                ?? ReadStrings(hosts, "hosts", hasHosts, maxItems, selectors, ReadHost)
                ?? ReadStrings(prefixes, "prefixes", hasPrefixes, maxItems, selectors, ReadPrefix);
        return error is null ? (new PurgeCommand([zone], selectors, soft), null) : (null, error);
    }

    private static CloudflareError? ReadStrings(
        JsonElement array,
        string key,
        bool present,
        int maxItems,
        List<PurgeSelector> into,
        Func<string, (PurgeSelector?, CloudflareError?)> read)
    {
        if (!present)
        {
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            return CloudflareError.NotAnArray(key);
        }

        if (array.GetArrayLength() > maxItems)
        {
            return CloudflareError.TooManyItems(maxItems);
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                return CloudflareError.NotAnArray(key);
            }

            var (selector, error) = read(item.GetString()!);
            if (error is not null)
            {
                return error;
            }

            into.Add(selector!);
        }

        return null;
    }

    private static (PurgeSelector?, CloudflareError?) ReadTag(string tag) =>
        tag.Length > MaxTagLength ? (null, CloudflareError.TagTooLong) : (PurgeSelector.ForTag(tag), null);

    private static (PurgeSelector?, CloudflareError?) ReadHost(string host) =>
        Uri.CheckHostName(host) == UriHostNameType.Unknown
            ? (null, CloudflareError.InvalidHost(host))
            : (PurgeSelector.ForHost(host), null);

    private static (PurgeSelector?, CloudflareError?) ReadPrefix(string prefix)
    {
        if (prefix.Contains("://", StringComparison.Ordinal))
        {
            return (null, CloudflareError.InvalidPrefix(prefix, "a prefix must not contain a scheme"));
        }

        if (prefix.Contains('?', StringComparison.Ordinal))
        {
            return (null, CloudflareError.InvalidPrefix(prefix, "a prefix must not contain a query string"));
        }

        if (prefix.Contains('#', StringComparison.Ordinal))
        {
            return (null, CloudflareError.InvalidPrefix(prefix, "a prefix must not contain a fragment"));
        }

        if (prefix.Count(c => c == '/') > MaxPrefixSlashes)
        {
            return (null, CloudflareError.InvalidPrefix(prefix, $"a prefix may have at most {MaxPrefixSlashes} '/' characters"));
        }

        var slash = prefix.IndexOf('/', StringComparison.Ordinal);
        var host = slash < 0 ? prefix : prefix[..slash];
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            return (null, CloudflareError.InvalidPrefix(prefix, "a prefix must start with a host name"));
        }

        return (PurgeSelector.ForPrefix(prefix), null);
    }

    private static CloudflareError? ReadFiles(JsonElement files, Zone zone, int maxItems, List<PurgeSelector> into)
    {
        if (files.ValueKind != JsonValueKind.Array)
        {
            return CloudflareError.NotAnArray("files");
        }

        if (files.GetArrayLength() > maxItems)
        {
            return CloudflareError.TooManyItems(maxItems);
        }

        foreach (var item in files.EnumerateArray())
        {
            string? url;
            JsonElement headers = default;
            if (item.ValueKind == JsonValueKind.String)
            {
                url = item.GetString();
            }
            else if (item.ValueKind == JsonValueKind.Object
                && item.TryGetProperty("url", out var urlValue) && urlValue.ValueKind == JsonValueKind.String)
            {
                url = urlValue.GetString();
                if (item.TryGetProperty("headers", out headers) && headers.ValueKind != JsonValueKind.Object)
                {
                    return CloudflareError.NotAnArray("files");
                }
            }
            else
            {
                return CloudflareError.NotAnArray("files");
            }

            var error = ReadFile(url ?? string.Empty, headers, zone, into);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static CloudflareError? ReadFile(string url, JsonElement headers, Zone zone, List<PurgeSelector> into)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            return CloudflareError.InvalidUrl(url);
        }

        // The host in the form keys use: "bücher.example" names xn--bcher-kva.example.
        var host = PurgeSelector.CanonicalHost(uri);
        if (!zone.Hosts.Contains(host, StringComparer.Ordinal))
        {
            return CloudflareError.HostOutsideZone(uri.Host);
        }

        HeaderDictionary? given = null;
        if (headers.ValueKind == JsonValueKind.Object && zone.CacheKeyHeaders.Length > 0)
        {
            given = new HeaderDictionary();
            foreach (var header in headers.EnumerateObject())
            {
                if (header.Value.ValueKind != JsonValueKind.String)
                {
                    return CloudflareError.NotAnArray("files");
                }

                given[header.Name] = header.Value.GetString();
            }
        }

        // The URL as written and as System.Uri rewrites it (PurgeSelector "URL spellings").
        foreach (var pathAndQuery in PurgeSelector.PathAndQuerySpellings(uri))
        {
            var exactKey = given is null ? null : CacheKeys.Build(uri.Scheme, host, pathAndQuery, zone.CacheKeyHeaders, new RequestHeaderFields(given));
            into.Add(PurgeSelector.ForUrl(uri.Scheme, host, pathAndQuery, exactKey));
        }

        return null;
    }
}
