// Who may call an endpoint that the seeds define without authentication (the service cache clear, the
// reference server). With a configured token the caller must send "Authorization: Bearer <token>", checked
// in constant time. Without one, whoever reaches the admin listener may call it; the configuration reader
// allows that only while the admin listener is on loopback, unless the operator opted in (allowNonLoopback).
using Lacquer.Configuration;
using Lacquer.Security;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Purge.Api;

internal sealed class OpenSurfaceGate(OpenSurfaceSettings settings, string surface)
{
    private const string Bearer = "Bearer ";

    /// <param name="context">The request.</param>
    /// <param name="who">For the audit log: "&lt;surface&gt; token", or "unauthenticated &lt;address&gt;"; never a secret.</param>
    /// <param name="credentialsMissing">When refused: true if no bearer token was sent at all.</param>
    public bool TryAdmit(HttpContext context, out string who, out bool credentialsMissing)
    {
        credentialsMissing = false;
        if (settings.TokenSha256 is null)
        {
            who = "unauthenticated " + (context.Connection.RemoteIpAddress?.ToString() ?? "caller");
            return true;
        }

        who = surface + " token";
        var authorization = context.Request.Headers.Authorization;
        var value = authorization.Count == 1 ? authorization.ToString() : string.Empty;
        if (!value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            credentialsMissing = authorization.Count == 0;
            return false;
        }

        return SecretHash.Matches(value[Bearer.Length..].Trim(), settings.TokenSha256);
    }
}
