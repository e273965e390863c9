// The error rows of docs/compat.md, "Cloudflare purge_cache": HTTP status, Cloudflare error code and message. Messages that name a
// value take it as an argument; values echoed back are the caller's own purge inputs, never credentials.
namespace Lacquer.Purge.Api.Cloudflare;

internal sealed record CloudflareError(int Status, int Code, string Message, int? ChainCode = null, string? ChainMessage = null)
{
    public static CloudflareError MissingCredentials { get; } = new(400, 9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers");

    public static CloudflareError MalformedAuthorization { get; } = new(400, 6003, "Invalid request headers", 6111, "Invalid format for Authorization header");

    public static CloudflareError AuthenticationError { get; } = new(403, 10000, "Authentication error");

    public static CloudflareError MalformedJson { get; } = new(400, 6007, "Malformed JSON in request body");

    public static CloudflareError BodyTooLarge { get; } = new(413, 6007, "Request body is larger than 1048576 bytes");

    public static CloudflareError NoPurgeKey { get; } = new(400, 1012, "Request must contain one of \"purge_everything\", \"files\", \"tags\", \"hosts\" or \"prefixes\"");

    public static CloudflareError PurgeEverythingNotTrue { get; } = new(400, 1013, "'purge_everything' must be true");

    public static CloudflareError Mixed { get; } = new(400, 1092, "Request cannot contain 'purge_everything' or 'files' together with other purge keys");

    public static CloudflareError TagTooLong { get; } = new(400, 1100, "Tag exceeds maximum length of 1024 characters");

    public static CloudflareError RateLimited { get; } = new(429, 971, "Please wait and consider throttling your request speed");

    /// <summary>Any method but POST and DELETE; <paramref name="method"/> is an HTTP token (RFC 9110 §9.1), safe to echo.</summary>
    public static CloudflareError MethodNotAllowed(string method) => new(405, 7001, $"Method {method} not available for that URI.");

    public static CloudflareError UnknownZone(string zoneId) =>
        new(404, 7003, $"Could not route to /client/v4/zones/{zoneId}/purge_cache, perhaps your object identifier is invalid?");

    public static CloudflareError NotAnArray(string key) => new(400, 1014, $"'{key}' must be an array of strings");

    public static CloudflareError NotABoolean(string key) => new(400, 1014, $"'{key}' must be a boolean");

    public static CloudflareError TooManyItems(int limit) =>
        new(400, 1094, $"Exceeded maximum amount of {limit} items that can be purged on a single request");

    public static CloudflareError InvalidUrl(string url) => new(400, 1015, $"Unable to purge {url}, which is an invalid URL.");

    public static CloudflareError HostOutsideZone(string host) => new(400, 1082, $"Unable to purge {host}. You can only purge files for this zone.");

    public static CloudflareError InvalidHost(string host) => new(400, 1014, $"'hosts' must be an array of host names; '{host}' is not one");

    public static CloudflareError InvalidPrefix(string prefix, string rule) => new(400, 1016, $"Unable to purge prefix {prefix}: {rule}");

    /// <summary>Lacquer's own code: the wait mode (Lacquer-Purge-Wait or ?wait=) is not all, local or none.</summary>
    public static CloudflareError InvalidWait { get; } = new(400, 1020, Api.PurgeWaitRequest.Rule);

    /// <summary>Lacquer's own code: applied on this node, but the cluster did not confirm it (docs/cluster.md).</summary>
    public static CloudflareError ClusterUnconfirmed(Cluster.ClusterOutcome outcome) => new(outcome.Status, 1021, outcome.Message);
}
