// The request's headers as the cache reads them (Caching.Keys.IRequestFields): the seam between the HTTP server's
// header collection and the store's Vary selection and key writer, which know only field lines by name. A struct
// holding the one reference, passed by value to generic methods: no allocation per request.
using Lacquer.Caching.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Zones;

internal readonly struct RequestHeaderFields(IHeaderDictionary headers) : IRequestFields
{
    public StringValues Get(string name) => headers[name];
}
