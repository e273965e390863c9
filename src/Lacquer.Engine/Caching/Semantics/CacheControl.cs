// Owns: the parsed form of a Cache-Control field value, request or response (RFC 9111 §5.2).
// Immutable once Parse returns; Parse never throws. How each directive is read lives in
// CacheControl.Directives.cs. Deliberate choices, all toward the more restrictive reading (§4.2.1):
//  - a numeric directive repeated with different values, or with an unusable value, is Invalid;
//  - a bare no-cache / private anywhere wins over a qualified one, so its field list is then empty;
//  - arguments given to directives that define none (no-store="x") are ignored, the directive counts.
namespace Lacquer.Caching.Semantics;

/// <summary>Parsed Cache-Control directives. Names are case-insensitive; unknown extensions are ignored.</summary>
internal sealed partial class CacheControl
{
    private List<string>? _noCacheFields;
    private List<string>? _privateFields;
    private bool _noCacheBare;
    private bool _privateBare;

    private CacheControl()
    {
    }

    /// <summary>No directives at all (absent or empty header).</summary>
    public static CacheControl Empty { get; } = new();

    public bool NoStore { get; private set; }

    public bool NoCache { get; private set; }

    public bool Private { get; private set; }

    public bool Public { get; private set; }

    public bool MustRevalidate { get; private set; }

    public bool ProxyRevalidate { get; private set; }

    public bool NoTransform { get; private set; }

    public bool Immutable { get; private set; }

    public bool OnlyIfCached { get; private set; }

    public bool MustUnderstand { get; private set; }

    /// <summary>Lower-cased field names of <c>no-cache="a, b"</c>; empty when no-cache is bare (RFC 9111 §5.2.2.4).</summary>
    public IReadOnlyList<string> NoCacheFields => _noCacheBare || _noCacheFields is null ? [] : _noCacheFields;

    /// <summary>Lower-cased field names of <c>private="a, b"</c>; empty when private is bare (RFC 9111 §5.2.2.7).</summary>
    public IReadOnlyList<string> PrivateFields => _privateBare || _privateFields is null ? [] : _privateFields;

    public DeltaSeconds MaxAge { get; private set; }

    public DeltaSeconds SMaxAge { get; private set; }

    /// <summary>The valued form <c>max-stale=N</c> (RFC 9111 §5.2.1.2); see also <see cref="MaxStaleAny"/>.</summary>
    public DeltaSeconds MaxStale { get; private set; }

    public DeltaSeconds MinFresh { get; private set; }

    /// <summary>RFC 5861 §3.</summary>
    public DeltaSeconds StaleWhileRevalidate { get; private set; }

    /// <summary>RFC 5861 §4.</summary>
    public DeltaSeconds StaleIfError { get; private set; }

    /// <summary>Bare <c>max-stale</c>: the client accepts a stale response of any age (RFC 9111 §5.2.1.2).</summary>
    public bool MaxStaleAny { get; private set; }

    /// <summary>
    /// Parses a Cache-Control field value. Several field lines arrive joined with ", " (RFC 9110 §5.3),
    /// which is the same list. Null, empty or whitespace yields <see cref="Empty"/>.
    /// </summary>
    public static CacheControl Parse(string? headerValue)
    {
        if (string.IsNullOrWhiteSpace(headerValue))
        {
            return Empty;
        }

        var result = new CacheControl();
        var reader = new DirectiveReader(headerValue);
        while (reader.TryRead(out var name, out var value, out var hasValue, out var malformed))
        {
            result.Apply(name, value, hasValue, malformed);
        }

        return result;
    }
}
