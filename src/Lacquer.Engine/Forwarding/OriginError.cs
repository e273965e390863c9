namespace Lacquer.Forwarding;

/// <summary>Expected ways an origin exchange fails; each maps to a status and a short plain-text body.</summary>
internal enum OriginError
{
    None,

    /// <summary>Could not connect, connection refused or reset before a response: 502.</summary>
    Unreachable,

    /// <summary>The response head was malformed (invalid status line or header): 502.</summary>
    InvalidResponse,

    /// <summary>No response head within the zone's origin timeout: 504.</summary>
    Timeout,

    /// <summary>The client went away before the origin answered: nothing is sent.</summary>
    ClientAborted,

    /// <summary>Every origin of the zone's pool is out of rotation (health checks): 503, or a stale copy where allowed.</summary>
    NoHealthyOrigin,

    /// <summary>The client's request body was not validly framed (e.g. broken chunked encoding): 400, the client's fault.</summary>
    ClientBodyInvalid,
}
