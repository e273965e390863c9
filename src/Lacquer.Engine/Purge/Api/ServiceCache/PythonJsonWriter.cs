// Writes values the way FastAPI's JSONResponse does: json.dumps(content, ensure_ascii=False,
// separators=(",", ":")). Non-ASCII text stays as it is; '"', '\' and the control characters are escaped,
// \n \r \t \b \f by name and the rest as \u00xx with lower-case hex. Values are those of PythonJsonReader:
// null, bool, string, PythonJsonNumber, IReadOnlyList<object?>, PythonJsonObject.
// Deliberate departure: NaN and ±Infinity are written as null. FastAPI cannot encode them and answers 500
// instead of its 422; Lacquer keeps the 422 (invariant 5).
using System.Globalization;
using System.Text;

namespace Lacquer.Purge.Api.ServiceCache;

internal static class PythonJsonWriter
{
    public static byte[] ToUtf8(object? value)
    {
        var text = new StringBuilder();
        Append(text, value);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case bool flag:
                text.Append(flag ? "true" : "false");
                break;
            case string s:
                AppendString(text, s);
                break;
            case PythonJsonNumber number:
                text.Append(number.Finite ? number.Repr : "null");
                break;
            case PythonJsonObject obj:
                AppendObject(text, obj);
                break;
            case IEnumerable<object?> items:
                AppendArray(text, items);
                break;
            default:
                throw new ArgumentException($"Not a JSON value: {value.GetType().Name}", nameof(value));
        }
    }

    private static void AppendObject(StringBuilder text, PythonJsonObject obj)
    {
        text.Append('{');
        var first = true;
        foreach (var (key, member) in obj.Members)
        {
            text.Append(first ? string.Empty : ",");
            first = false;
            AppendString(text, key);
            text.Append(':');
            Append(text, member);
        }

        text.Append('}');
    }

    private static void AppendArray(StringBuilder text, IEnumerable<object?> items)
    {
        text.Append('[');
        var first = true;
        foreach (var item in items)
        {
            text.Append(first ? string.Empty : ",");
            first = false;
            Append(text, item);
        }

        text.Append(']');
    }

    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                '\b' => text.Append("\\b"),
                '\f' => text.Append("\\f"),
                < ' ' => text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }

        text.Append('"');
    }
}
