using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Lacquer.Configuration;

/// <summary>
/// A configuration section with the path used in error messages and its <see cref="NodeShape"/>.
/// The path spells known keys the way the documentation does, whatever case the source used.
/// Reads report shape problems to the shared error list and never throw.
/// </summary>
internal sealed class ConfigNode
{
    private readonly IReadOnlyList<IConfigurationSection> _children;
    private readonly string? _value;

    private ConfigNode(string path, string? value, IReadOnlyList<IConfigurationSection> children)
    {
        Path = path;
        _value = value;
        _children = children;
        Shape = Classify(value, children);
    }

    public string Path { get; }

    public NodeShape Shape { get; }

    public bool IsMissing => Shape == NodeShape.Missing;

    public static ConfigNode Missing(string path) => new(path, null, []);

    public static ConfigNode From(IConfigurationSection section, string path) =>
        new(path, section.Value, [.. section.GetChildren()]);

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}:{key}";

    /// <summary>The children of an object node (named keys); empty for other shapes.</summary>
    public IReadOnlyList<IConfigurationSection> NamedChildren => Shape == NodeShape.Object ? _children : [];

    /// <summary>
    /// Reads a single value. Missing: reports "is required" when <paramref name="required"/>, and
    /// returns false either way. Never includes the value in a message.
    /// </summary>
    public bool TryReadText(List<ConfigError> errors, bool required, out string text)
    {
        text = string.Empty;
        switch (Shape)
        {
            case NodeShape.Value:
                text = _value!;
                return true;
            case NodeShape.Missing:
                if (required)
                {
                    errors.Add(new(Path, "is required"));
                }

                return false;
            case NodeShape.Empty:
                errors.Add(new(Path, "must not be empty"));
                return false;
            default:
                errors.Add(new(Path, $"expected a single value, found {Describe()}"));
                return false;
        }
    }

    /// <summary>
    /// Reads an array's items (an empty value reads as no items). Missing returns false without an
    /// error: the caller decides whether the setting is required.
    /// </summary>
    public bool TryReadItems(List<ConfigError> errors, out IReadOnlyList<ConfigNode> items)
    {
        items = [];
        switch (Shape)
        {
            case NodeShape.Array:
                items = [.. _children.Select(child => From(child, Join(Path, child.Key)))];
                return true;
            case NodeShape.Empty:
                return true;
            case NodeShape.Missing:
                return false;
            default:
                errors.Add(new(Path, $"expected an array, found {Describe()}"));
                return false;
        }
    }

    public string Describe() => Shape switch
    {
        NodeShape.Missing => "nothing (null)",
        NodeShape.Empty => "an empty value",
        NodeShape.Value => "a single value",
        NodeShape.Array => "an array",
        NodeShape.Object => "an object",
        _ => "both a single value and nested settings (check environment variables and command-line switches)",
    };

    private static NodeShape Classify(string? value, IReadOnlyList<IConfigurationSection> children)
    {
        if (children.Count == 0)
        {
            return value switch
            {
                null => NodeShape.Missing,
                "" => NodeShape.Empty,
                _ => NodeShape.Value,
            };
        }

        if (!string.IsNullOrEmpty(value))
        {
            return NodeShape.Conflict;
        }

        return children.All(child => int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            ? NodeShape.Array
            : NodeShape.Object;
    }
}
