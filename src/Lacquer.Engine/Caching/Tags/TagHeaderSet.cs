// The response headers a zone reads tags from (Cache-Tag, Surrogate-Key, xkey by default) and how each
// separates its tags. Tags are case-insensitive, so they are kept lower-cased (invariant culture).
// Cloudflare caps Cache-Tag at 16 KB per response: tags past that budget, counted across all tag headers,
// are ignored rather than failing the response.
using Lacquer.Configuration;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Caching.Tags;

internal sealed class TagHeaderSet
{
    /// <summary>The most header bytes read for tags from one response.</summary>
    public const int MaxTagBytes = 16 * 1024;

    private readonly TagHeaderSettings[] _headers;

    public TagHeaderSet(IEnumerable<TagHeaderSettings> headers) => _headers = [.. headers];

    public IReadOnlyList<TagHeaderSettings> Headers => _headers;

    public bool IsTagHeader(string name)
    {
        foreach (var header in _headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Collects the distinct tags of a response from its fields (name and lines, in any case).</summary>
    public string[] Parse(IReadOnlyList<KeyValuePair<string, StringValues>> fields)
    {
        List<string>? tags = null;
        var budget = MaxTagBytes;
        foreach (var header in _headers)
        {
            foreach (var line in Lines(fields, header.Name))
            {
                if (string.IsNullOrEmpty(line))
                {
                    continue;
                }

                foreach (var range in line.AsSpan().Split(header.Separator))
                {
                    var tag = line.AsSpan()[range].Trim();
                    if (tag.IsEmpty)
                    {
                        continue;
                    }

                    budget -= tag.Length + 1;
                    if (budget < 0)
                    {
                        return Distinct(tags);
                    }

                    (tags ??= []).Add(tag.ToString().ToLowerInvariant());
                }
            }
        }

        return Distinct(tags);
    }

    /// <summary>The lines of the field called <paramref name="name"/> (a response has each name once), or none.</summary>
    private static StringValues Lines(IReadOnlyList<KeyValuePair<string, StringValues>> fields, string name)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return fields[i].Value;
            }
        }

        return StringValues.Empty;
    }

    private static string[] Distinct(List<string>? tags) =>
        tags is null ? [] : [.. new HashSet<string>(tags, StringComparer.Ordinal)];
}
