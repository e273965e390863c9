namespace Lacquer.Caching.Semantics;

/// <summary>What to do with a Range request against a stored full response (RFC 9110 §14.2).</summary>
internal enum RangeOutcome
{
    /// <summary>Serve the full 200.</summary>
    Ignore,

    /// <summary>416 Range Not Satisfiable with Content-Range: bytes */length.</summary>
    Unsatisfiable,

    /// <summary>206 Partial Content: one range, or multipart/byteranges for several.</summary>
    Satisfiable,
}
