// Owns: every log event id Lacquer writes, in one place, so that two events never share an id and an operator
// can filter or alert on an id that does not change between releases. Each capability has its own range; a new
// event takes the next free id of its range, and an id is never reused for a different event.
//   1000-1099  proxy: routing, origin exchanges, the body sent to the client
//   1100-1199  caching: what is and is not stored
//   2000-2099  purge: every purge surface goes through PurgeService
//   3000-3099  hosting: configuration reload, TLS certificates, stopping
//   4100-4199  Crafter's cache API
//   4200-4299  the FastAPI service's cache API (none yet)
//   4300-4399  the reference server's cache API
//   4400-4499  Flextype's cache API (none yet)
//   5000-5099  cluster: the shared purge log, leases, flushes
// docs/observability.md lists them with their level and meaning.
namespace Lacquer.Diagnostics;

internal static class EventIds
{
    // Proxy, 1000-1099.
    public const int UnknownHost = 1001;
    public const int OriginFailed = 1002;
    public const int OriginBodyBroken = 1003;
    public const int ClientLeft = 1004;
    public const int InvalidOriginHeader = 1005;
    public const int StoreFault = 1006;
    public const int BackgroundRevalidationFailed = 1007;
    public const int ServedStaleOnError = 1008;
    public const int UpgradeRefused = 1009;

    // Caching, 1100-1199.
    public const int NotStored = 1101;

    // Purge, 2000-2099.
    public const int Purged = 2001;
    public const int PurgeMatchesNothing = 2002;
    public const int PurgeNotConfirmed = 2003;

    // Hosting, 3000-3099.
    public const int ReloadError = 3001;
    public const int ReloadRefused = 3002;
    public const int ReloadRestartNeeded = 3003;
    public const int Reloaded = 3004;
    public const int CertificateReloaded = 3005;
    public const int CertificateRefused = 3006;
    public const int Stopping = 3007;
    public const int Stopped = 3008;
    public const int ReloadWatcherNotStarted = 3009;
    public const int ReloadWatcherFailed = 3010;

    // Crafter, 4100-4199.
    public const int CrafterRequestFailed = 4101;

    // Reference server, 4300-4399.
    public const int ReferenceServerCacheCleared = 4301;

    // Cluster, 5000-5099.
    public const int LeaseRenewalFailed = 5001;
    public const int CacheFlushed = 5002;
    public const int UnreadableLogEntry = 5003;
}
