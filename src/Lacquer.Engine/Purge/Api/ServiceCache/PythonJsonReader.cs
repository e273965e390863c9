// A JSON reader that fails exactly where and how CPython's json.loads does (3.11, the C scanner, strict
// mode; no trailing-comma message, which came in 3.13), so that the service cache's 422 json_invalid bodies
// match FastAPI's byte for byte. Positions are code point offsets into the decoded text, as in Python; a
// UTF-8 BOM is skipped first, as json.loads(bytes) decodes with utf-8-sig.
// Messages: "Expecting value", "Expecting property name enclosed in double quotes", "Expecting ':'
// delimiter", "Expecting ',' delimiter", "Extra data", "Unterminated string starting at", "Invalid control
// character at", "Invalid \escape", "Invalid \uXXXX escape". Python accepts NaN, Infinity and -Infinity.
// Values: null, bool, string, PythonJsonNumber, List<object?>, PythonJsonObject. The string and number rules
// are in PythonJsonReader.Scalars.cs. Where Lacquer departs: a document that scans but holds a lone surrogate
// escape or a repeated member name is unreadable (PythonJsonResult), checked after the scan so that a syntax
// error anywhere still gets Python's own message and position.
using System.Text;

namespace Lacquer.Purge.Api.ServiceCache;

internal sealed partial class PythonJsonReader
{
    /// <summary>Nesting beyond this is refused like Python's RecursionError (which FastAPI turns into a 400).</summary>
    public const int MaxDepth = 512;

    private const string ExpectingValue = "Expecting value";

    private readonly int[] _text;
    private int _depth;
    private string? _error;
    private int _errorPosition;
    private bool _tooDeep;
    private bool _loneSurrogate;
    private bool _repeatedName;

    private PythonJsonReader(int[] text) => _text = text;

    public static PythonJsonResult Parse(ReadOnlySpan<byte> utf8)
    {
        if (!TryDecode(utf8, out var text))
        {
            return PythonJsonResult.NotReadable;
        }

        var reader = new PythonJsonReader(text);
        if (!reader.TryScan(reader.SkipWhitespace(0), out var value, out var end))
        {
            return reader._tooDeep ? PythonJsonResult.NotReadable : new(null, reader._error, reader._errorPosition, false);
        }

        end = reader.SkipWhitespace(end);
        if (end != text.Length)
        {
            return new(null, "Extra data", end, false);
        }

        return reader._loneSurrogate || reader._repeatedName ? PythonJsonResult.NotReadable : new(value, null, 0, false);
    }

    /// <summary>Python's scan_once: one value starting at <paramref name="index"/>.</summary>
    private bool TryScan(int index, out object? value, out int end)
    {
        value = null;
        end = index;
        if (index >= _text.Length)
        {
            return Fail(ExpectingValue, index);
        }

        switch (_text[index])
        {
            case '"':
                var ok = TryScanString(index + 1, out var text, out end);
                value = text;
                return ok;
            case '{':
                return Nested(index, TryScanObject, out value, out end);
            case '[':
                return Nested(index, TryScanArray, out value, out end);
        }

        if (TryLiteral(index, "null", null, out value, out end)
            || TryLiteral(index, "true", true, out value, out end)
            || TryLiteral(index, "false", false, out value, out end)
            || TryLiteral(index, "NaN", new PythonJsonNumber("NaN", false), out value, out end)
            || TryLiteral(index, "Infinity", new PythonJsonNumber("Infinity", false), out value, out end)
            || TryLiteral(index, "-Infinity", new PythonJsonNumber("-Infinity", false), out value, out end))
        {
            return true;
        }

        return TryScanNumber(index, out value, out end);
    }

    private delegate bool Scanner(int index, out object? value, out int end);

    private bool Nested(int index, Scanner scan, out object? value, out int end)
    {
        value = null;
        end = index;
        if (++_depth > MaxDepth)
        {
            _tooDeep = true;
            return Fail(ExpectingValue, index);
        }

        var ok = scan(index + 1, out value, out end);
        _depth--;
        return ok;
    }

    /// <summary>After '{': members until '}'.</summary>
    private bool TryScanObject(int index, out object? value, out int end)
    {
        var obj = new PythonJsonObject();
        value = obj;
        end = index;
        index = SkipWhitespace(index);
        if (At(index, '}'))
        {
            end = index + 1;
            return true;
        }

        while (true)
        {
            if (!At(index, '"'))
            {
                return Fail("Expecting property name enclosed in double quotes", index);
            }

            if (!TryScanString(index + 1, out var key, out index))
            {
                return false;
            }

            index = SkipWhitespace(index);
            if (!At(index, ':'))
            {
                return Fail("Expecting ':' delimiter", index);
            }

            if (!TryScan(SkipWhitespace(index + 1), out var member, out index))
            {
                return false;
            }

            _repeatedName |= obj.TryGetValue(key, out _);
            obj.Set(key, member);
            index = SkipWhitespace(index);
            if (At(index, '}'))
            {
                end = index + 1;
                return true;
            }

            if (!At(index, ','))
            {
                return Fail("Expecting ',' delimiter", index);
            }

            index = SkipWhitespace(index + 1);
        }
    }

    /// <summary>After '[': items until ']'.</summary>
    private bool TryScanArray(int index, out object? value, out int end)
    {
        var items = new List<object?>();
        value = items;
        end = index;
        index = SkipWhitespace(index);
        if (At(index, ']'))
        {
            end = index + 1;
            return true;
        }

        while (true)
        {
            if (!TryScan(index, out var item, out index))
            {
                return false;
            }

            items.Add(item);
            index = SkipWhitespace(index);
            if (At(index, ']'))
            {
                end = index + 1;
                return true;
            }

            if (!At(index, ','))
            {
                return Fail("Expecting ',' delimiter", index);
            }

            index = SkipWhitespace(index + 1);
        }
    }

    private bool TryLiteral(int index, string literal, object? literalValue, out object? value, out int end)
    {
        value = null;
        end = index;
        if (index + literal.Length > _text.Length)
        {
            return false;
        }

        for (var i = 0; i < literal.Length; i++)
        {
            if (_text[index + i] != literal[i])
            {
                return false;
            }
        }

        value = literalValue;
        end = index + literal.Length;
        return true;
    }

    private bool At(int index, char c) => index < _text.Length && _text[index] == c;

    private int SkipWhitespace(int index)
    {
        while (index < _text.Length && _text[index] is ' ' or '\t' or '\n' or '\r')
        {
            index++;
        }

        return index;
    }

    private bool Fail(string message, int position)
    {
        _error = message;
        _errorPosition = position;
        return false;
    }

    /// <summary>UTF-8 (after an optional BOM) to code points; false for bytes that are not UTF-8.</summary>
    private static bool TryDecode(ReadOnlySpan<byte> utf8, out int[] text)
    {
        var bytes = utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8;
        var points = new List<int>(bytes.Length);
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                text = [];
                return false;
            }

            points.Add(rune.Value);
            bytes = bytes[consumed..];
        }

        text = [.. points];
        return true;
    }
}
