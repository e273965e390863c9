namespace Lacquer.Caching.Coalescing;

/// <summary>How a fill ended, as seen by the requests that waited for it.</summary>
internal enum FillOutcome
{
    /// <summary>The response was stored: look it up again.</summary>
    Stored,

    /// <summary>The response may not be stored: fetch on your own, at once (hit-for-miss).</summary>
    NotStorable,

    /// <summary>The fill failed (origin error, broken body, client gone): fetch on your own; errors are never shared.</summary>
    Failed,
}
