// Owns: reading a targeted cache-control field (RFC 9213, e.g. CDN-Cache-Control) into the same directives as
// Cache-Control. The field is a Structured Field Dictionary (§2.1), parsed by StructuredDictionary; each member
// is then mapped back to its directive by the type §2.1 gives it:
//  - max-age, s-maxage, stale-while-revalidate, stale-if-error: a non-negative Integer;
//  - no-store, public, must-revalidate, proxy-revalidate, no-transform, immutable, must-understand: Boolean true;
//  - no-cache, private: Boolean true, or a String holding the field-name list.
// A field that does not parse, or a known directive with a value of another type (max-age="10000",
// max-age=1.5, no-store=?0), is unusable as a whole: the cache ignores the field and falls back to the next
// targeted field or to Cache-Control (§2.1: on a parsing error the field "MUST be ignored"). Treating a type
// mismatch like a parse failure is this cache's reading: the value cannot be mapped to the directive's syntax.
// Other members (extensions, request-only directives) are ignored, whatever their type (RFC 9111 §5.2.3).
namespace Lacquer.Caching.Semantics;

internal sealed partial class CacheControl
{
    /// <summary>The directives of a targeted field's value, or null when the field must be ignored (see the file header).</summary>
    public static CacheControl? ParseTargeted(string? fieldValue)
    {
        if (!StructuredDictionary.TryParse(fieldValue, out var members))
        {
            return null;
        }

        var result = new CacheControl();
        Span<char> digits = stackalloc char[20];
        foreach (var (name, item) in members)
        {
            switch (name)
            {
                case "max-age" or "s-maxage" or "stale-while-revalidate" or "stale-if-error":
                    if (item.Kind != StructuredItemKind.Integer || item.Integer < 0)
                    {
                        return null;
                    }

                    item.Integer.TryFormat(digits, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
                    result.Apply(name, digits[..written], hasValue: true, malformed: false);
                    break;
                case "no-store" or "public" or "must-revalidate" or "proxy-revalidate" or "no-transform" or "immutable" or "must-understand":
                    if (!item.IsTrue)
                    {
                        return null;
                    }

                    result.Apply(name, default, hasValue: false, malformed: false);
                    break;
                case "no-cache" or "private":
                    if (item.IsTrue)
                    {
                        result.Apply(name, default, hasValue: false, malformed: false);
                    }
                    else if (item.Kind == StructuredItemKind.String)
                    {
                        result.Apply(name, item.Text, hasValue: true, malformed: false);
                    }
                    else
                    {
                        return null;
                    }

                    break;
                default:
                    break;
            }
        }

        return result;
    }
}
