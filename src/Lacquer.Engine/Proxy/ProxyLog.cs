// The proxy's log events. Their ids are in EventIds (Diagnostics/EventIds.cs): stable, for dashboards, alerts and tests.
using Lacquer.Diagnostics;
using Lacquer.Forwarding;
using Microsoft.Extensions.Logging;

namespace Lacquer.Proxy;

internal static partial class ProxyLog
{
    [LoggerMessage(EventId = EventIds.UnknownHost, Level = LogLevel.Information, Message = "No zone for host '{Host}'")]
    public static partial void UnknownHost(ILogger logger, string host);

    [LoggerMessage(EventId = EventIds.OriginFailed, Level = LogLevel.Warning, Message = "Origin error {Error} for {Zone} {Url}")]
    public static partial void OriginFailed(ILogger logger, OriginError error, string zone, string url);

    [LoggerMessage(EventId = EventIds.OriginBodyBroken, Level = LogLevel.Warning, Message = "Origin broke off the body of {Url}; aborting the client connection")]
    public static partial void OriginBodyBroken(ILogger logger, string url, Exception exception);

    [LoggerMessage(EventId = EventIds.ClientLeft, Level = LogLevel.Debug, Message = "Client left during {Url}")]
    public static partial void ClientLeft(ILogger logger, string url);

    [LoggerMessage(EventId = EventIds.InvalidOriginHeader, Level = LogLevel.Warning, Message = "Dropped origin header '{Header}' of {Url}: its value has characters HTTP does not allow")]
    public static partial void InvalidOriginHeader(ILogger logger, string header, string url);

    [LoggerMessage(EventId = EventIds.BackgroundRevalidationFailed, Level = LogLevel.Warning, Message = "Background revalidation of {Url} failed")]
    public static partial void BackgroundRevalidationFailed(ILogger logger, string url, Exception exception);

    [LoggerMessage(EventId = EventIds.ServedStaleOnError, Level = LogLevel.Information, Message = "Origin failed ({Status}) for {Url}; serving the stored copy stale")]
    public static partial void ServedStaleOnError(ILogger logger, int status, string url);

    [LoggerMessage(EventId = EventIds.StoreFault, Level = LogLevel.Error, Message = "Store fault for {Url}; serving from the origin")]
    public static partial void StoreFault(ILogger logger, string url, Exception exception);

    [LoggerMessage(EventId = EventIds.UpgradeRefused, Level = LogLevel.Debug, Message = "Upgrade to {Scheme}://{Host}{Target} from {Client} refused: {Setting} ({Limit}) upgraded connections are open")]
    public static partial void UpgradeRefused(ILogger logger, string scheme, string host, string target, System.Net.IPAddress client, string setting, int limit);
}
