// Owns: tokenizing a Cache-Control field value into directives (RFC 9111 §5.2, list syntax RFC 9110 §5.6.1).
// Lenient on purpose: skips empty members (",,"), tolerates whitespace around names, "=" and values,
// and reads quoted-string arguments (RFC 9110 §5.6.4) so commas inside quotes do not split members.
// Allocation-free: names and values are slices of the input.
namespace Lacquer.Caching.Semantics;

/// <summary>Reads <c>name[=value]</c> members from a comma-separated directive list.</summary>
internal ref struct DirectiveReader
{
    private ReadOnlySpan<char> _rest;

    public DirectiveReader(ReadOnlySpan<char> text)
    {
        _rest = text;
    }

    /// <summary>
    /// Reads the next directive. <paramref name="value"/> is the argument with the quotes removed but
    /// quoted-pairs left escaped (see <see cref="Unescape"/>). <paramref name="hasValue"/> is false
    /// when there is no "=". <paramref name="malformed"/> is true for an unterminated quoted-string or
    /// text after the closing quote; such an argument must not be trusted as a number.
    /// </summary>
    public bool TryRead(
        out ReadOnlySpan<char> name,
        out ReadOnlySpan<char> value,
        out bool hasValue,
        out bool malformed)
    {
        value = default;
        hasValue = false;
        malformed = false;

        // RFC 9110 §5.6.1: recipients accept and ignore empty list elements and surrounding OWS.
        _rest = _rest.TrimStart(" \t,");
        if (_rest.IsEmpty)
        {
            name = default;
            return false;
        }

        var end = _rest.IndexOfAny('=', ',');
        if (end < 0)
        {
            name = Trim(_rest);
            _rest = default;
            return true;
        }

        name = Trim(_rest[..end]);
        var separator = _rest[end];
        _rest = _rest[(end + 1)..];
        if (separator == ',')
        {
            return true;
        }

        hasValue = true;
        _rest = _rest.TrimStart(" \t");
        if (!_rest.IsEmpty && _rest[0] == '"')
        {
            value = ReadQuoted(out malformed);
            return true;
        }

        var comma = _rest.IndexOf(',');
        value = Trim(comma < 0 ? _rest : _rest[..comma]);
        _rest = comma < 0 ? default : _rest[(comma + 1)..];
        return true;
    }

    /// <summary>Removes the backslash of each quoted-pair (RFC 9110 §5.6.4).</summary>
    public static string Unescape(ReadOnlySpan<char> quoted)
    {
        if (quoted.IndexOf('\\') < 0)
        {
            return quoted.ToString();
        }

        var buffer = new char[quoted.Length];
        var length = 0;
        for (var i = 0; i < quoted.Length; i++)
        {
            if (quoted[i] == '\\' && i + 1 < quoted.Length)
            {
                i++;
            }

            buffer[length++] = quoted[i];
        }

        return new string(buffer, 0, length);
    }

    private ReadOnlySpan<char> ReadQuoted(out bool malformed)
    {
        // _rest starts at the opening quote.
        for (var i = 1; i < _rest.Length; i++)
        {
            if (_rest[i] == '\\')
            {
                i++;
                continue;
            }

            if (_rest[i] != '"')
            {
                continue;
            }

            var inside = _rest[1..i];
            var after = _rest[(i + 1)..];
            var comma = after.IndexOf(',');
            malformed = !Trim(comma < 0 ? after : after[..comma]).IsEmpty;
            _rest = comma < 0 ? default : after[(comma + 1)..];
            return inside;
        }

        // Unterminated quoted-string: it swallows the rest of the field value.
        malformed = true;
        var unterminated = _rest[1..];
        _rest = default;
        return unterminated;
    }

    private static ReadOnlySpan<char> Trim(ReadOnlySpan<char> text) => text.Trim(" \t");
}
