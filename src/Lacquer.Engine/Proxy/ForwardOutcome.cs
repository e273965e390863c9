namespace Lacquer.Proxy;

/// <summary>
/// What a trip to the origin came to, decided once the origin has answered (or failed) and before anything is
/// written to the client: the forward step returns it, the leader of a fill tells the waiters from it, and the
/// respond step writes it.
/// </summary>
internal enum ForwardOutcome
{
    /// <summary>The origin's response goes to the client and is not stored; a fill's waiters fetch on their own at once.</summary>
    PassThrough,

    /// <summary>The origin's response is storable: a fill of its own reads the body into the store while the client is served from it.</summary>
    Filling,

    /// <summary>A 304 answered the revalidation: the stored response, freshened, is stored again and served.</summary>
    Refreshed,

    /// <summary>A 304 answered the revalidation, but the freshened response may not be stored (or a purge overtook it): the stored copy is removed and served this once.</summary>
    RefreshedNotStored,

    /// <summary>The origin failed or answered 500, 502, 503 or 504, and the stored copy is served in its place.</summary>
    StaleOnError,

    /// <summary>The origin could not be used (unreachable, timed out, invalid response, badly framed client body) or the client left: an error, never shared.</summary>
    OriginFailed,
}
