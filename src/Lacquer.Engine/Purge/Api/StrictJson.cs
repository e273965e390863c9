// Parses a purge API's JSON body strictly, so that every later read of it is safe and unambiguous. Refused,
// besides what System.Text.Json refuses (syntax, nesting deeper than the caller's limit):
//   - text that is not Unicode: raw bytes that are not UTF-8, and \u escapes naming a lone UTF-16 surrogate
//     (RFC 8259 §8.2 lets the grammar through but leaves their meaning undefined; read as strings they
//     would throw at whichever field first touched them);
//   - an object that repeats a member name (RFC 8259 §4: the result is unpredictable across parsers), so
//     that two readers of one purge request can never disagree about what it asks for.
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace Lacquer.Purge.Api;

internal static class StrictJson
{
    /// <summary>The document, or null when <paramref name="body"/> is not one strict JSON value.</summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> body, int maxDepth)
    {
        if (!HasWellFormedText(body.Span, maxDepth))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>One pass over the tokens: syntactically valid, and every string and member name decodes to Unicode text.</summary>
    private static bool HasWellFormedText(ReadOnlySpan<byte> body, int maxDepth)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is (JsonTokenType.String or JsonTokenType.PropertyName)
                    && (!Utf8.IsValid(reader.ValueSpan) || (reader.ValueIsEscaped && !SurrogateEscapesArePaired(reader.ValueSpan))))
                {
                    return false;
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// In a string's raw text (escape syntax already checked by the reader): every \u escape of a high surrogate
    /// is directly followed by one of a low surrogate, and no low surrogate escape stands alone.
    /// </summary>
    private static bool SurrogateEscapesArePaired(ReadOnlySpan<byte> raw)
    {
        var expectLow = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var unit = -1;
            if (raw[i] == '\\')
            {
                if (raw[i + 1] == 'u')
                {
                    unit = ushort.Parse(raw.Slice(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                    i += 5;
                }
                else
                {
                    i++;
                }
            }

            var isLow = unit >= 0 && char.IsLowSurrogate((char)unit);
            if (expectLow != isLow)
            {
                return false;
            }

            expectLow = unit >= 0 && char.IsHighSurrogate((char)unit);
        }

        return !expectLow;
    }
}
