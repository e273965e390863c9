// One thing a purge removes or marks stale. Values are normalised at construction: tags lower-cased, hosts
// in the canonical form keys use (HostNames: ASCII, lower-case, an internationalised name as punycode, so
// "bücher.example" and "XN--BCHER-KVA.example" both name xn--bcher-kva.example), URLs as
// "scheme://host/path?query" with that host. Paths and queries keep their case.
//
// URL spellings. A stored entry is keyed on the request target exactly as the client sent it (CacheKeys),
// while System.Uri rewrites a path: it decodes unreserved escapes (%7E -> ~), upper-cases escape hex
// (%e2 -> %E2), removes dot segments and turns '\' into '/'. The origin is sent the rewritten form, so one
// origin resource can be stored under both spellings. A URL purge therefore names the URL as written and,
// when it differs, as System.Uri rewrites it (PathAndQuerySpellings): "PURGE /a%7Eb" or a Cloudflare file
// "http://h/a%7Eb" removes what GET /a%7Eb stored, and also what GET /a~b stored.
//
// Selectors belong to the store: whether one matches an entry (Matches here, and which index finds its
// candidates, CacheStore.Purge.cs) is a rule of the store. The purge surfaces build them; the store applies them.
using Lacquer.Caching.Keys;
using Lacquer.Configuration;

namespace Lacquer.Caching.Store;

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
    public static PurgeSelector ForUrl(Uri url, string? exactKey = null) => ForUrl(url.Scheme, CanonicalHost(url), url.PathAndQuery, exactKey);

    /// <summary>The canonical host of an absolute URL (an internationalised name as punycode, an IPv6 address in brackets).</summary>
    public static string CanonicalHost(Uri url)
    {
        var host = url.HostNameType == UriHostNameType.IPv6 ? url.Host : url.IdnHost;
        return HostNames.Canonical(host) ?? host.ToLowerInvariant();
    }

    /// <param name="scheme">http or https.</param>
    /// <param name="host">The host without port, any case; an internationalised name as punycode or Unicode.</param>
    /// <param name="pathAndQuery">The request target in origin-form ("/path?query"), compared as given.</param>
    /// <param name="exactKey">The primary key of one variant, or null for every variant of the URL.</param>
    public static PurgeSelector ForUrl(string scheme, string host, string pathAndQuery, string? exactKey = null)
    {
        var normalized = string.Concat(scheme, "://", Canonical(host), pathAndQuery);
        var parts = KeyParts.Of(normalized);
        return new(PurgeSelectorKind.Url, normalized, parts.Host, parts.Path, exactKey);
    }

    /// <summary>
    /// The path and query of <paramref name="url"/> as written in its original string (fragment dropped), or
    /// null when the original string is not an absolute URL with an authority. See "URL spellings" above.
    /// </summary>
    private static string? WrittenPathAndQuery(Uri url)
    {
        var text = url.OriginalString.Trim();
        var authority = text.IndexOf("://", StringComparison.Ordinal);
        if (!url.IsAbsoluteUri || authority < 0)
        {
            return null;
        }

        var rest = text[(authority + 3)..];
        var end = rest.IndexOfAny(['/', '?', '#', '\\']);
        if (end < 0)
        {
            return "/";
        }

        var target = rest[end..];
        var fragment = target.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            target = target[..fragment];
        }

        return target.Length == 0 || target[0] != '/' ? "/" + target : target;
    }

    /// <summary>The path-and-query spellings a URL purge names: as written, then as System.Uri rewrites it when that differs.</summary>
    public static IReadOnlyList<string> PathAndQuerySpellings(Uri url)
    {
        var written = WrittenPathAndQuery(url);
        return written is null || string.Equals(written, url.PathAndQuery, StringComparison.Ordinal)
            ? [url.PathAndQuery]
            : [written, url.PathAndQuery];
    }

    public static PurgeSelector ForTag(string tag) => new(PurgeSelectorKind.Tag, tag.Trim().ToLowerInvariant());

    public static PurgeSelector ForHost(string host)
    {
        var canonical = Canonical(host.Trim());
        return new(PurgeSelectorKind.Host, canonical, canonical);
    }

    /// <param name="prefix">"host/path" without scheme, query or fragment, already validated.</param>
    public static PurgeSelector ForPrefix(string prefix)
    {
        var slash = prefix.IndexOf('/', StringComparison.Ordinal);
        var host = Canonical(slash < 0 ? prefix : prefix[..slash]);
        var path = slash < 0 ? "/" : prefix[slash..];
        return new(PurgeSelectorKind.Prefix, host + path, host, path);
    }

    /// <summary>A host in the form keys use; one that is no valid host name is only lower-cased (it then matches nothing).</summary>
    private static string Canonical(string host) => HostNames.Canonical(host) ?? host.ToLowerInvariant();

    public bool Matches(CacheEntry entry) => Kind switch
    {
        PurgeSelectorKind.Everything => true,
        PurgeSelectorKind.Url => ExactKey is null
            ? entry.Parts.UrlSpan.SequenceEqual(Value)
            : string.Equals(entry.PrimaryKey, ExactKey, StringComparison.Ordinal),
        PurgeSelectorKind.Tag => Array.IndexOf(entry.Tags, Value) >= 0,
        PurgeSelectorKind.Host => entry.Parts.HostSpan.SequenceEqual(Host),
        PurgeSelectorKind.Prefix => entry.Parts.HostSpan.SequenceEqual(Host) && PathHasPrefix(entry.Parts.PathSpan, Path),
        _ => false,
    };

    /// <summary>Prefix match on path-segment boundaries: /foo covers /foo and /foo/..., not /foobar.</summary>
    public static bool PathHasPrefix(ReadOnlySpan<char> path, string prefix)
    {
        if (prefix == "/" || path.SequenceEqual(prefix))
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
