// A request as RawOrigin read it off the wire: request line, header fields in order, and the body when it
// had a Content-Length.
namespace Lacquer.Harness;

internal sealed record RawRequest(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Fields, byte[] Body)
{
    /// <summary>All lines of the field <paramref name="name"/> joined with ", ", or null when absent.</summary>
    public string? Header(string name)
    {
        var values = Fields.Where(field => field.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(field => field.Value).ToList();
        return values.Count == 0 ? null : string.Join(", ", values);
    }
}
