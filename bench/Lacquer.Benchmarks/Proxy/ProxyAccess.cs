// Reaches the proxy's private hit writer without reflection at call time (UnsafeAccessor binds it once).
// If the method's signature changes, this throws MissingMethodException when called, never at build time.
using System.Runtime.CompilerServices;
using Lacquer.Caching.Store;
using Lacquer.Proxy;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Benchmarks.Proxy;

internal static class ProxyAccess
{
    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "ServeEntryAsync")]
    public static extern Task ServeEntryAsync(CachingProxy? proxy, HttpContext context, CacheEntry entry, DateTimeOffset now, string cacheStatus);
}
