// The parts of a primary key that purge selectors match on: the URL (scheme://host/path?query, without the
// key-header suffix), the host and the path without the query.
namespace Lacquer.Caching.Keys;

internal readonly record struct KeyParts(string Url, string Host, string Path)
{
    /// <summary>Splits a key built by <see cref="CacheKeys.Build"/>.</summary>
    public static KeyParts Of(string primaryKey)
    {
        var newline = primaryKey.IndexOf('\n', StringComparison.Ordinal);
        var url = newline < 0 ? primaryKey : primaryKey[..newline];
        var afterScheme = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var slash = url.IndexOf('/', afterScheme);
        if (slash < 0)
        {
            return new KeyParts(url, url[afterScheme..], "/");
        }

        var query = url.IndexOf('?', slash);
        var path = query < 0 ? url[slash..] : url[slash..query];
        return new KeyParts(url, url[afterScheme..slash], path);
    }
}
