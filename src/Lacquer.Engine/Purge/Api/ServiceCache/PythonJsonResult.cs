namespace Lacquer.Purge.Api.ServiceCache;

/// <summary>
/// What Python's <c>json.loads</c> makes of a body: a value; a <c>JSONDecodeError</c> (its message and its
/// position, in code points); or <see cref="Unreadable"/> — the bytes are not UTF-8, or nest deeper than
/// <see cref="PythonJsonReader.MaxDepth"/> (Python's RecursionError) — where FastAPI answers 400. Lacquer also
/// counts as unreadable a well-formed body that Python would accept but that is not safe to act on: a \u
/// escape naming a lone surrogate (not Unicode text; FastAPI fails with a 500 when it echoes one), or an
/// object that repeats a member name (ambiguous; Python silently keeps the last).
/// </summary>
internal sealed record PythonJsonResult(object? Value, string? ErrorMessage, int ErrorPosition, bool Unreadable)
{
    public static PythonJsonResult NotReadable { get; } = new(null, null, 0, true);

    public bool IsValue => ErrorMessage is null && !Unreadable;
}
