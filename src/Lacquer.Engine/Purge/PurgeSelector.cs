// One thing a purge removes or marks stale. Values are normalised at construction: hosts and tags
// lower-cased, URLs as "scheme://host/path?query" with a lower-cased host. Paths and queries keep their case.
using Lacquer.Caching.Keys;
using Lacquer.Caching.Store;

namespace Lacquer.Purge;

internal sealed record PurgeSelector
{
    private PurgeSelector(PurgeSelectorKind kind, string value, string host = "", string path = "", string? exactKey = null)
    {
        Kind = kind;
        Value = value;
        Host = host;
        Path = path;
        ExactKey = exactKey;
    }

    public static PurgeSelector Everything { get; } = new(PurgeSelectorKind.Everything, "*");

    public PurgeSelectorKind Kind { get; }

    /// <summary>The selector as given (after normalisation): the URL, tag, host or host/path prefix.</summary>
    public string Value { get; }

    public string Host { get; }

    public string Path { get; }

    /// <summary>For a URL purge of one variant: the primary key including the zone's key headers.</summary>
    public string? ExactKey { get; }

    /// <param name="url">An absolute http(s) URL, already validated.</param>
    /// <param name="exactKey">The primary key of one variant, or null for every variant of the URL.</param>
    public static PurgeSelector ForUrl(Uri url, string? exactKey = null)
    {
        var normalized = string.Concat(url.Scheme, "://", url.Host.ToLowerInvariant(), url.PathAndQuery);
        var parts = KeyParts.Of(normalized);
        return new(PurgeSelectorKind.Url, normalized, parts.Host, parts.Path, exactKey);
    }

    public static PurgeSelector ForTag(string tag) => new(PurgeSelectorKind.Tag, tag.Trim().ToLowerInvariant());

    public static PurgeSelector ForHost(string host)
    {
        var lower = host.Trim().ToLowerInvariant();
        return new(PurgeSelectorKind.Host, lower, lower);
    }

    /// <param name="prefix">"host/path" without scheme, query or fragment, already validated.</param>
    public static PurgeSelector ForPrefix(string prefix)
    {
        var slash = prefix.IndexOf('/', StringComparison.Ordinal);
        var host = (slash < 0 ? prefix : prefix[..slash]).ToLowerInvariant();
        var path = slash < 0 ? "/" : prefix[slash..];
        return new(PurgeSelectorKind.Prefix, host + path, host, path);
    }

    public bool Matches(CacheEntry entry) => Kind switch
    {
        PurgeSelectorKind.Everything => true,
        PurgeSelectorKind.Url => ExactKey is null
            ? string.Equals(entry.Parts.Url, Value, StringComparison.Ordinal)
            : string.Equals(entry.PrimaryKey, ExactKey, StringComparison.Ordinal),
        PurgeSelectorKind.Tag => Array.IndexOf(entry.Tags, Value) >= 0,
        PurgeSelectorKind.Host => string.Equals(entry.Parts.Host, Host, StringComparison.Ordinal),
        PurgeSelectorKind.Prefix => string.Equals(entry.Parts.Host, Host, StringComparison.Ordinal) && PathHasPrefix(entry.Parts.Path, Path),
        _ => false,
    };

    /// <summary>Prefix match on path-segment boundaries: /foo covers /foo and /foo/..., not /foobar.</summary>
    public static bool PathHasPrefix(string path, string prefix)
    {
        if (prefix == "/" || string.Equals(path, prefix, StringComparison.Ordinal))
        {
            return true;
        }

        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        return prefix[^1] == '/' || path[prefix.Length] == '/';
    }
}
