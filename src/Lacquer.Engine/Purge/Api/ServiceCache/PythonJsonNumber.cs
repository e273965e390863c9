namespace Lacquer.Purge.Api.ServiceCache;

/// <summary>
/// A JSON number as Python holds it, kept as the text Python's <c>json.dumps</c> writes for it: an int's
/// digits (arbitrary size, <c>-0</c> is <c>0</c>) or a float's <c>repr</c> (<c>1.0</c>, <c>2.5e-07</c>).
/// <see cref="Finite"/> is false for NaN and ±Infinity, which JSON cannot carry.
/// </summary>
internal readonly record struct PythonJsonNumber(string Repr, bool Finite)
{
    public static PythonJsonNumber Of(long value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture), true);
}
