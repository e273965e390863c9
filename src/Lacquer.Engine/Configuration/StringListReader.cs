namespace Lacquer.Configuration;

/// <summary>
/// Reads an array of single values, checking each item and (optionally) rejecting duplicates, which
/// compare case-insensitively after normalisation and are reported with both paths.
/// </summary>
internal static class StringListReader
{
    /// <param name="node">The array setting.</param>
    /// <param name="errors">The shared error list.</param>
    /// <param name="requiredMessage">When not null, a missing or empty array is an error with this message.</param>
    /// <param name="check">Returns the normalised item, or null and the reason to reject it.</param>
    /// <param name="rejectDuplicates">Whether an item may appear only once in this list.</param>
    /// <param name="claim">Optionally called with each valid item and its path; returning false drops the item (it reports its own error).</param>
    public static IReadOnlyList<string> Read(
        ConfigNode node,
        List<ConfigError> errors,
        string? requiredMessage,
        Func<string, (string? Value, string Problem)> check,
        bool rejectDuplicates = true,
        Func<string, string, bool>? claim = null)
    {
        if (!node.TryReadItems(errors, out var items) && !node.IsMissing)
        {
            return [];
        }

        if (items.Count == 0)
        {
            if (requiredMessage is not null)
            {
                errors.Add(new(node.Path, requiredMessage));
            }

            return [];
        }

        var values = new List<string>(items.Count);
        var firstPaths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            if (!item.TryReadText(errors, required: true, out var text))
            {
                continue;
            }

            var (value, problem) = check(text);
            if (value is null)
            {
                errors.Add(new(item.Path, problem));
            }
            else if (rejectDuplicates && firstPaths.TryGetValue(value, out var firstPath))
            {
                errors.Add(new(item.Path, $"{ObjectReader.Quote(value)} is listed twice (also at {firstPath})"));
            }
            else if (claim is null || claim(value, item.Path))
            {
                firstPaths.TryAdd(value, item.Path);
                values.Add(value);
            }
        }

        return [.. values];
    }
}
