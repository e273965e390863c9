// The parts of a primary key that purge selectors match on: the URL (scheme://host/path?query, without the
// key-header suffix), the host and the path without the query.
//
// Memory: one of these lives in every stored entry, and holds the entry's primary key (the entry has no other
// reference to it) and where its path starts and ends. Everything else is a range of the key: the URL is the
// key up to its key-header values, the host sits between "://" and the path. Matching reads spans; URL, host
// and path only become strings when asked for.
namespace Lacquer.Caching.Keys;

/// <param name="key">The primary key: the URL, then the key-header values after a newline, if any.</param>
/// <param name="pathStart">Where the path starts in the key; where the URL ends when it has no path.</param>
/// <param name="pathLength">Zero when the URL has no path at all, which reads as "/".</param>
internal readonly struct KeyParts(string key, int pathStart, int pathLength)
{
    /// <summary>The primary key the parts are ranges of (an entry keeps its key only here).</summary>
    public string Key => key;

    /// <summary>The URL as a string: the key itself unless the key has key-header values.</summary>
    public string Url => key.IndexOf('\n', StringComparison.Ordinal) is var newline and >= 0 ? key[..newline] : key;

    /// <summary>The URL without allocating, for matching.</summary>
    public ReadOnlySpan<char> UrlSpan => key.IndexOf('\n', StringComparison.Ordinal) is var newline and >= 0 ? key.AsSpan(0, newline) : key;

    /// <summary>The host as a new string: for code that keeps it. Matching and index lookups read <see cref="HostSpan"/>.</summary>
    public string Host => HostSpan.ToString();

    /// <summary>The host, lower-case, without port: between "://" and the path.</summary>
    public ReadOnlySpan<char> HostSpan
    {
        get
        {
            var start = key.IndexOf("://", StringComparison.Ordinal) + 3;
            return key.AsSpan(start, pathStart - start);
        }
    }

    /// <summary>The path as a new string: for code that keeps it. Matching reads <see cref="PathSpan"/>.</summary>
    public string Path => pathLength == 0 ? "/" : key.Substring(pathStart, pathLength);

    public ReadOnlySpan<char> PathSpan => pathLength == 0 ? "/" : key.AsSpan(pathStart, pathLength);

    /// <summary>Where the path starts in <see cref="Key"/> (and in the URL, its prefix).</summary>
    public int PathStart => pathStart;

    /// <summary>The path's length; zero when the URL has no path (read as "/").</summary>
    public int PathLength => pathLength;

    /// <summary>Splits a key built by <see cref="CacheKeys.Build"/>, without allocating.</summary>
    public static KeyParts Of(string primaryKey)
    {
        var newline = primaryKey.IndexOf('\n', StringComparison.Ordinal);
        var url = newline < 0 ? primaryKey.AsSpan() : primaryKey.AsSpan(0, newline);
        var afterScheme = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var slash = url[afterScheme..].IndexOf('/');
        if (slash < 0)
        {
            return new KeyParts(primaryKey, url.Length, 0);
        }

        slash += afterScheme;
        var query = url[slash..].IndexOf('?');
        return new KeyParts(primaryKey, slash, query < 0 ? url.Length - slash : query);
    }
}
