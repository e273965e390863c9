using Lacquer.Diagnostics;
using Lacquer.Purge.Api;
using Lacquer.Purge.Api.Cloudflare;
using Lacquer.Purge.Api.Crafter;
using Lacquer.Purge.Api.Flextype;
using Lacquer.Purge.Api.ReferenceServer;
using Lacquer.Purge.Api.ServiceCache;

namespace Lacquer.Admin;

/// <summary>
/// The handlers the admin listener routes to, built by the server at start-up and again by a configuration
/// reload that changes the seed surfaces. A seed surface switched off in configuration
/// (<c>compat:…:enabled: false</c>) is null, and its routes answer 404 as if they did not exist.
/// </summary>
internal sealed record AdminServices(
    CloudflarePurgeEndpoint Cloudflare,
    PurgeLogReport PurgeLog,
    ZoneListReport Zones,
    CrafterEndpoint? Crafter = null,
    ServiceCacheEndpoint? ServiceCache = null,
    ReferenceServerEndpoint? ReferenceServer = null,
    FlextypeEndpoint? Flextype = null);
