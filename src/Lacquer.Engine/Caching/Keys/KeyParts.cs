// The parts of a primary key that purge selectors match on: the URL (scheme://host/path?query, without the
// key-header suffix), the host and the path without the query.
//
// Memory: one of these lives in every stored entry, and holds the entry's primary key (the entry has no other
// reference to it). The URL is the key up to its key-header values; the host is shared among entries
// (SharedStrings); the path is kept as a range of the key (the path index keys its segments as ranges of it
// too); URL and path only become strings when asked for.
using Lacquer.Caching.Store;

namespace Lacquer.Caching.Keys;

/// <param name="key">The primary key: the URL, then the key-header values after a newline, if any.</param>
/// <param name="pathLength">Zero when the URL has no path at all, which reads as "/".</param>
internal readonly struct KeyParts(string key, string host, int pathStart, int pathLength)
{
    /// <summary>The primary key the parts are ranges of (an entry keeps its key only here).</summary>
    public string Key => key;

    /// <summary>The URL as a string: the key itself unless the key has key-header values.</summary>
    public string Url => key.IndexOf('\n', StringComparison.Ordinal) is var newline and >= 0 ? key[..newline] : key;

    /// <summary>The URL without allocating, for matching.</summary>
    public ReadOnlySpan<char> UrlSpan => key.IndexOf('\n', StringComparison.Ordinal) is var newline and >= 0 ? key.AsSpan(0, newline) : key;

    public string Host => host;

    /// <summary>The path as a new string: for code that keeps it. Matching reads <see cref="PathSpan"/>.</summary>
    public string Path => pathLength == 0 ? "/" : key.Substring(pathStart, pathLength);

    public ReadOnlySpan<char> PathSpan => pathLength == 0 ? "/" : key.AsSpan(pathStart, pathLength);

    /// <summary>Where the path starts in <see cref="Key"/> (and in the URL, its prefix).</summary>
    public int PathStart => pathStart;

    /// <summary>The path's length; zero when the URL has no path (read as "/").</summary>
    public int PathLength => pathLength;

    /// <summary>Splits a key built by <see cref="CacheKeys.Build"/>; <paramref name="shared"/>, if given, supplies the host.</summary>
    public static KeyParts Of(string primaryKey, SharedStrings? shared = null)
    {
        var newline = primaryKey.IndexOf('\n', StringComparison.Ordinal);
        var url = newline < 0 ? primaryKey.AsSpan() : primaryKey.AsSpan(0, newline);
        var afterScheme = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var slash = url[afterScheme..].IndexOf('/') is var found and >= 0 ? afterScheme + found : -1;
        var hostSpan = slash < 0 ? url[afterScheme..] : url[afterScheme..slash];
        var host = shared is null ? hostSpan.ToString() : shared.Share(hostSpan);
        if (slash < 0)
        {
            return new KeyParts(primaryKey, host, 0, 0);
        }

        var query = url[slash..].IndexOf('?');
        return new KeyParts(primaryKey, host, slash, query < 0 ? url.Length - slash : query);
    }
}
