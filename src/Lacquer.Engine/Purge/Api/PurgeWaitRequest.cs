// How long one purge call waits for the cluster (docs/cluster.md, "Acknowledged purge"): the
// Lacquer-Purge-Wait field on every purge surface, and also the wait query parameter on the Cloudflare route,
// where the official SDKs can add query parameters but not always fields. The field wins when both are given.
// Absent: the cluster's default (cluster:purgeWait). Any other value is a bad request, refused before anything is purged.
using Lacquer.Configuration;
using Lacquer.Purge.Cluster;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Purge.Api;

internal static class PurgeWaitRequest
{
    public const string Header = "Lacquer-Purge-Wait";

    public const string Rule = "Lacquer-Purge-Wait (or wait=) must be all, local or none";

    /// <summary>False when a value is given but is not a wait mode; <paramref name="wait"/> is null when none is given.</summary>
    public static bool TryRead(HttpRequest request, bool query, out PurgeWait? wait)
    {
        wait = null;
        var values = request.Headers[Header];
        if (values.Count == 0 && query)
        {
            values = request.Query["wait"];
        }

        if (values.Count == 0)
        {
            return true;
        }

        wait = values.Count == 1 ? Parse(values[0]) : null;
        return wait is not null;
    }

    private static PurgeWait? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "all" => PurgeWait.All,
        "local" => PurgeWait.Local,
        "none" => PurgeWait.None,
        _ => null,
    };
}
