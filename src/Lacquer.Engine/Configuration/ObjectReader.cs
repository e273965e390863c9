using Microsoft.Extensions.Configuration;

namespace Lacquer.Configuration;

/// <summary>
/// Reads the named settings of one configuration object. Construction reports every child key that is
/// not a known setting ("unknown setting", value never echoed); keys compare case-insensitively, as
/// <see cref="IConfiguration"/> does. A node of the wrong shape reports one error and reads as an empty
/// object, so that callers fall back to defaults without cascading errors. Typed values are read in
/// <c>ObjectReader.Values.cs</c>.
/// </summary>
internal sealed partial class ObjectReader
{
    private readonly Dictionary<string, IConfigurationSection> _children = new(StringComparer.OrdinalIgnoreCase);

    private ObjectReader(
        string path,
        IEnumerable<IConfigurationSection> children,
        IReadOnlyList<string> knownKeys,
        IReadOnlyList<string> ignoredKeys,
        List<ConfigError> errors)
    {
        Path = path;
        Errors = errors;
        foreach (var child in children)
        {
            if (Contains(knownKeys, child.Key))
            {
                _children[child.Key] = child;
            }
            else if (!Contains(ignoredKeys, child.Key))
            {
                errors.Add(new(ConfigNode.Join(path, child.Key), $"unknown setting; expected one of: {string.Join(", ", knownKeys)}"));
            }
        }
    }

    public string Path { get; }

    /// <summary>The error list shared by the whole read.</summary>
    public List<ConfigError> Errors { get; }

    public static ObjectReader ForRoot(
        IConfiguration configuration,
        IReadOnlyList<string> knownKeys,
        IReadOnlyList<string> ignoredKeys,
        List<ConfigError> errors) =>
        new(string.Empty, configuration.GetChildren(), knownKeys, ignoredKeys, errors);

    /// <summary>Opens <paramref name="node"/> as an object; Missing reads as an empty object.</summary>
    public static ObjectReader ForObject(ConfigNode node, IReadOnlyList<string> knownKeys, List<ConfigError> errors)
    {
        if (node.Shape is not (NodeShape.Object or NodeShape.Missing))
        {
            errors.Add(new(node.Path, $"expected an object, found {node.Describe()}"));
        }

        return new(node.Path, node.NamedChildren, knownKeys, [], errors);
    }

    /// <summary>The child <paramref name="key"/> (a known key, spelled as the path should show it).</summary>
    public ConfigNode Node(string key)
    {
        var path = ConfigNode.Join(Path, key);
        return _children.TryGetValue(key, out var section) ? ConfigNode.From(section, path) : ConfigNode.Missing(path);
    }

    public ObjectReader Object(string key, IReadOnlyList<string> knownKeys) => ForObject(Node(key), knownKeys, Errors);

    /// <summary>
    /// Whether <paramref name="key"/> appears in the configuration at all, even as an empty object (<c>{}</c>),
    /// which <see cref="Node"/> reads as missing.
    /// </summary>
    public bool IsPresent(string key) => _children.ContainsKey(key);

    private static bool Contains(IReadOnlyList<string> keys, string key)
    {
        foreach (var candidate in keys)
        {
            if (string.Equals(candidate, key, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
