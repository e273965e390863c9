namespace Lacquer.Configuration;

/// <summary>
/// Reads a zone's <c>tagHeaders</c>: an array of <c>{ "name": "Cache-Tag", "separator": "," }</c>.
/// Not set (or JSON null) means <see cref="TagHeaderSettings.Defaults"/>; an empty array means no tag
/// headers. Both keys are required; the separator is <c>","</c> or <c>" "</c>, or the words
/// <c>comma</c> / <c>space</c> (any case) for sources where a lone space is awkward (environment variables).
/// Header names must be unique (case-insensitively).
/// </summary>
internal static class TagHeaderSettingsReader
{
    private static readonly string[] Keys = ["name", "separator"];

    public static IReadOnlyList<TagHeaderSettings> Read(ConfigNode node, List<ConfigError> errors)
    {
        if (!node.TryReadItems(errors, out var items))
        {
            return TagHeaderSettings.Defaults;
        }

        var result = new List<TagHeaderSettings>(items.Count);
        var firstPaths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            if (item.Shape != NodeShape.Object)
            {
                errors.Add(new(item.Path, $"expected an object such as {{ \"name\": \"Cache-Tag\", \"separator\": \",\" }}, found {item.Describe()}"));
                continue;
            }

            var tagHeader = ObjectReader.ForObject(item, Keys, errors);
            var name = ReadName(tagHeader.Node("name"), firstPaths, errors);
            var separator = ReadSeparator(tagHeader.Node("separator"), errors);
            if (name is not null && separator is { } value)
            {
                result.Add(new TagHeaderSettings(name, value));
            }
        }

        return [.. result];
    }

    private static string? ReadName(ConfigNode node, Dictionary<string, string> firstPaths, List<ConfigError> errors)
    {
        if (!node.TryReadText(errors, required: true, out var name))
        {
            return null;
        }

        if (!Syntax.IsToken(name))
        {
            errors.Add(new(node.Path, $"must be a header field name made of RFC 9110 token characters (found {ObjectReader.Quote(name)})"));
            return null;
        }

        if (!firstPaths.TryAdd(name, node.Path))
        {
            errors.Add(new(node.Path, $"tag header {ObjectReader.Quote(name)} is listed twice (also at {firstPaths[name]})"));
            return null;
        }

        return name;
    }

    private static char? ReadSeparator(ConfigNode node, List<ConfigError> errors)
    {
        if (!node.TryReadText(errors, required: true, out var text))
        {
            return null;
        }

        if (text == "," || string.Equals(text, "comma", StringComparison.OrdinalIgnoreCase))
        {
            return ',';
        }

        if (text == " " || string.Equals(text, "space", StringComparison.OrdinalIgnoreCase))
        {
            return ' ';
        }

        errors.Add(new(node.Path, $"must be \",\" or \" \" (or the words comma or space) (found {ObjectReader.Quote(text)})"));
        return null;
    }
}
