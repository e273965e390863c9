using Lacquer.Diagnostics;
using Lacquer.Purge.Api;
using Lacquer.Purge.Api.Cloudflare;
using Lacquer.Purge.Api.Crafter;
using Lacquer.Purge.Api.Flextype;
using Lacquer.Purge.Api.ReferenceServer;
using Lacquer.Purge.Api.ServiceCache;

namespace Lacquer.Admin;

/// <summary>
/// The handlers the admin listener routes to, built once by the server. A seed surface switched off in
/// configuration (<c>compat:…:enabled: false</c>) is null, and its routes are not mapped.
/// </summary>
internal sealed record AdminServices(
    CloudflarePurgeEndpoint Cloudflare,
    PurgeLogReport PurgeLog,
    ZoneListReport Zones,
    CrafterEndpoint? Crafter = null,
    ServiceCacheEndpoint? ServiceCache = null,
    ReferenceServerEndpoint? ReferenceServer = null,
    FlextypeEndpoint? Flextype = null);
