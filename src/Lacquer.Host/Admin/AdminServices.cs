using Lacquer.Purge.Api;
using Lacquer.Purge.Api.Cloudflare;

namespace Lacquer.Admin;

/// <summary>The handlers the admin listener routes to, built once by the server.</summary>
internal sealed record AdminServices(CloudflarePurgeEndpoint Cloudflare, PurgeLogReport PurgeLog);
