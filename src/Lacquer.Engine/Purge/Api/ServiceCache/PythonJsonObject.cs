namespace Lacquer.Purge.Api.ServiceCache;

/// <summary>
/// A Python dict read from JSON: members in insertion order; a repeated key keeps its first position and
/// takes the last value, as <c>json.loads</c> does.
/// </summary>
internal sealed class PythonJsonObject
{
    private readonly List<KeyValuePair<string, object?>> _members = [];
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);

    public IReadOnlyList<KeyValuePair<string, object?>> Members => _members;

    /// <summary>Builds an object from members, for responses.</summary>
    public static PythonJsonObject Of(params (string Key, object? Value)[] members)
    {
        var result = new PythonJsonObject();
        foreach (var (key, value) in members)
        {
            result.Set(key, value);
        }

        return result;
    }

    public void Set(string key, object? value)
    {
        if (_positions.TryGetValue(key, out var position))
        {
            _members[position] = new(key, value);
            return;
        }

        _positions[key] = _members.Count;
        _members.Add(new(key, value));
    }

    public bool TryGetValue(string key, out object? value)
    {
        if (_positions.TryGetValue(key, out var position))
        {
            value = _members[position].Value;
            return true;
        }

        value = null;
        return false;
    }
}
