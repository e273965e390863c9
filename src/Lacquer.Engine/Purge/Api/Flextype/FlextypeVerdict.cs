namespace Lacquer.Purge.Api.Flextype;

/// <summary>The outcome of checking a token pair, in Flextype's order of checks (Api::validateApiRequest).</summary>
internal enum FlextypeVerdict
{
    /// <summary>Known, enabled, under its limit, access token right: the call is counted.</summary>
    Accepted,

    /// <summary>No such token: 401.</summary>
    UnknownToken,

    /// <summary>Disabled, or its calls have reached limitCalls: 400.</summary>
    Refused,

    /// <summary>The access token does not match: 401.</summary>
    WrongAccessToken,
}
