// The request as the cache's keys and Vary selection read it: its field lines by name. The store and the key
// writer take this instead of a web server's header collection, so the caching rules depend on no HTTP server
// abstraction. The proxy passes a struct over its request headers (Zones.RequestHeaderFields); the methods that
// take one are generic over it, so the JIT compiles them per struct and a hit neither boxes nor allocates.
//
// It hands over the raw field lines, not normalised values: normalisation (RFC 9111 §4.1) is VaryValues' one
// rule, applied the same way when a variant is captured, matched and hashed.
using Microsoft.Extensions.Primitives;

namespace Lacquer.Caching.Keys;

internal interface IRequestFields
{
    /// <summary>The request's field lines named <paramref name="name"/> (names compare case-insensitively); empty when it has none.</summary>
    StringValues Get(string name);
}

/// <summary>A request without fields: a look-up by key alone, or a key built without key-header values.</summary>
internal readonly struct NoRequestFields : IRequestFields
{
    public StringValues Get(string name) => StringValues.Empty;
}
