// The parts of a primary key that purge selectors match on: the URL (scheme://host/path?query, without the
// key-header suffix), the host and the path without the query.
//
// Memory: one of these lives in every stored entry, so it holds no copies of its own. The URL is the primary
// key itself unless the key has key-header values; the host is shared among entries (SharedStrings); the path
// is kept as a range of the URL (the path index keys its segments as ranges of it too) and only becomes a
// string when asked for.
using Lacquer.Caching.Store;

namespace Lacquer.Caching.Keys;

/// <param name="pathLength">Zero when the URL has no path at all, which reads as "/".</param>
internal readonly struct KeyParts(string url, string host, int pathStart, int pathLength)
{
    public string Url { get; } = url;

    public string Host { get; } = host;

    /// <summary>The path as a new string: for code that keeps it. Matching reads <see cref="PathSpan"/>.</summary>
    public string Path => pathLength == 0 ? "/" : Url.Substring(pathStart, pathLength);

    public ReadOnlySpan<char> PathSpan => pathLength == 0 ? "/" : Url.AsSpan(pathStart, pathLength);

    /// <summary>Where the path starts in <see cref="Url"/>.</summary>
    public int PathStart => pathStart;

    /// <summary>The path's length in <see cref="Url"/>; zero when the URL has no path (read as "/").</summary>
    public int PathLength => pathLength;

    /// <summary>Splits a key built by <see cref="CacheKeys.Build"/>; <paramref name="shared"/>, if given, supplies the host.</summary>
    public static KeyParts Of(string primaryKey, SharedStrings? shared = null)
    {
        var newline = primaryKey.IndexOf('\n', StringComparison.Ordinal);
        var url = newline < 0 ? primaryKey : primaryKey[..newline];
        var afterScheme = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var slash = url.IndexOf('/', afterScheme);
        var host = slash < 0 ? url[afterScheme..] : url[afterScheme..slash];
        host = shared?.Share(host) ?? host;
        if (slash < 0)
        {
            return new KeyParts(url, host, 0, 0);
        }

        var query = url.IndexOf('?', slash);
        return new KeyParts(url, host, slash, (query < 0 ? url.Length : query) - slash);
    }
}
