// The scheme and host of the URL a client sees, in the one form that cache keys, the origin's Host,
// X-Forwarded-Proto and X-Forwarded-Host, the purge indexes and purge selectors all use: so the URL a client
// sees is the URL a purge names, and nothing the key leaves out reaches the origin.
//   Host:   the zone's own spelling of the matched host name (ASCII, lower-case, IDNA form, no port).
//   Scheme: the zone's fixed scheme when it has one; else what a trusted proxy states (X-Forwarded-Proto or
//           Forwarded proto=); else the connection's own (https over TLS, http otherwise).
namespace Lacquer.Zones;

/// <param name="Scheme">"http" or "https".</param>
/// <param name="Host">The canonical host name.</param>
/// <param name="ViaTrustedProxy">The peer is a trusted proxy, whose forwarding fields Lacquer extends rather than replaces.</param>
internal readonly record struct SiteAddress(string Scheme, string Host, bool ViaTrustedProxy)
{
    public const string Http = "http";
    public const string Https = "https";

    /// <summary>The absolute URL of a request target in origin-form.</summary>
    public string Url(string pathAndQuery) => string.Concat(Scheme, "://", Host, pathAndQuery);
}
