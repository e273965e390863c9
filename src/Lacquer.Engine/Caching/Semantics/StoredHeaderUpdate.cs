// Updating a stored response's header fields from a 304 (RFC 9111 §3.2, used by §4.3.4 freshening): every
// field of the new response replaces the stored field of the same name or is added, except Content-Length
// (§3.2: the 304 describes the stored representation, it does not carry it). Fields excepted from storage
// (§3.1: hop-by-hop and Connection-named) never reach this point; the caller removed them.
using Microsoft.Extensions.Primitives;

namespace Lacquer.Caching.Semantics;

internal static class StoredHeaderUpdate
{
    public static KeyValuePair<string, StringValues>[] Apply(
        IReadOnlyList<KeyValuePair<string, StringValues>> stored,
        IReadOnlyList<KeyValuePair<string, StringValues>> update)
    {
        var result = new List<KeyValuePair<string, StringValues>>(stored.Count + update.Count);
        foreach (var field in stored)
        {
            if (!Updates(update, field.Key))
            {
                result.Add(field);
            }
        }

        foreach (var field in update)
        {
            if (!field.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                result.Add(field);
            }
        }

        return [.. result];
    }

    private static bool Updates(IReadOnlyList<KeyValuePair<string, StringValues>> update, string name)
    {
        if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var field in update)
        {
            if (field.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
