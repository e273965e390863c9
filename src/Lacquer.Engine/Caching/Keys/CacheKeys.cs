// The primary cache key: scheme + host + path + query, then the values of the zone's configured key headers.
// Scheme and host are the URL the client sees in canonical form (the zone match's SiteAddress: the zone's own lower-case ASCII
// spelling of the host, no port), so that a key never depends on how one client spelled its Host field and a
// purge naming that URL finds it. All Vary variants of a URL live under
// this one key, so a URL purge finds them together.
//
// Layout: "http://www.example.com/a?b=1" for a zone without key headers; with key headers each one adds
// "\n<name>:<value>" in configuration order, so two keys differ exactly when one of those values differs.
// '\n' cannot occur in a request target or a header value, so the parts cannot run into each other.
// Path and query are taken as the client sent them (the raw request target), the same form a purge URL has.
//
// The key is written into a caller's buffer (Write), so the hit path can look the store up without building
// a string (RequestKey); Build makes the string from the same writer, so the two forms cannot disagree.
namespace Lacquer.Caching.Keys;

internal static class CacheKeys
{
    private const string SchemeSeparator = "://";

    /// <summary>Builds a key from its parts; <paramref name="fields"/> supplies the key headers' values.</summary>
    /// <param name="scheme">The scheme of the URL the client sees.</param>
    /// <param name="host">The canonical host of that URL (lower-case ASCII, no port), as its zone spells it.</param>
    /// <param name="pathAndQuery">The request target in origin-form, as the client sent it.</param>
    /// <param name="keyHeaders">The zone's key headers, in configuration order.</param>
    /// <param name="fields">The request's fields (NoRequestFields: every key header empty).</param>
    public static string Build<TFields>(string scheme, string host, string pathAndQuery, string[] keyHeaders, TFields fields)
        where TFields : IRequestFields
    {
        var length = Length(scheme, host, pathAndQuery, keyHeaders, fields);
        var buffer = length <= 256 ? stackalloc char[length] : new char[length];
        Write(buffer, scheme, host, pathAndQuery, keyHeaders, fields);
        return new string(buffer);
    }

    /// <summary>The number of characters <see cref="Write"/> needs for these parts.</summary>
    public static int Length<TFields>(string scheme, string host, string pathAndQuery, string[] keyHeaders, TFields fields)
        where TFields : IRequestFields
    {
        var length = scheme.Length + SchemeSeparator.Length + host.Length + pathAndQuery.Length;
        foreach (var name in keyHeaders)
        {
            length += 2 + name.Length + VaryValues.NormalizedLength(fields.Get(name));
        }

        return length;
    }

    /// <summary>Writes the key into <paramref name="destination"/>, which holds at least <see cref="Length"/> characters.</summary>
    public static void Write<TFields>(Span<char> destination, string scheme, string host, string pathAndQuery, string[] keyHeaders, TFields fields)
        where TFields : IRequestFields
    {
        var at = Append(destination, 0, scheme);
        at = Append(destination, at, SchemeSeparator);
        at = Append(destination, at, host);
        at = Append(destination, at, pathAndQuery);
        foreach (var name in keyHeaders)
        {
            destination[at++] = '\n';
            at = Append(destination, at, name);
            destination[at++] = ':';
            at += VaryValues.WriteNormalized(fields.Get(name), destination[at..]);
        }
    }

    private static int Append(Span<char> destination, int at, string text)
    {
        text.CopyTo(destination[at..]);
        return at + text.Length;
    }
}
