// Owns: parsing a Structured Field Dictionary (RFC 8941 §3.2, parsing algorithm §4.2.2), the syntax of the
// targeted cache-control fields (RFC 9213 §2.1). Strict by design, unlike the Cache-Control list reader: any
// deviation from the grammar fails the whole field (§4.2: "fail parsing"), and the caller then ignores it.
// Covers every RFC 8941 type — Integer, Decimal, String, Token, Byte Sequence, Boolean, Inner List — so that a
// valid member of an unknown directive never makes a valid field fail. Parameters are checked for syntax and
// then dropped: RFC 9213 §2.1 says parameters on cache directives are ignored unless specified otherwise.
// A repeated key keeps its last value (§4.2.2). Never throws.
namespace Lacquer.Caching.Semantics;

internal static class StructuredDictionary
{
    /// <summary>RFC 8941 §3.3: integers have at most 15 digits.</summary>
    private const int MaxIntegerDigits = 15;

    /// <summary>
    /// Parses <paramref name="value"/> (all field lines joined with ", ", which is how RFC 8941 §4.2 combines
    /// them); false when it is not a Dictionary. Surrounding SP/HTAB is trimmed as for any field value.
    /// </summary>
    public static bool TryParse(string? value, out List<KeyValuePair<string, StructuredItem>> members)
    {
        members = [];
        if (value is null)
        {
            return false;
        }

        var parser = new Parser(value.AsSpan().Trim(" \t"));
        return parser.TryParseDictionary(members);
    }

    private ref struct Parser(ReadOnlySpan<char> input)
    {
        private ReadOnlySpan<char> _rest = input;

        // §4.2.2: key ( "=" (item / inner-list) / parameters ), separated by OWS "," OWS; no trailing comma.
        public bool TryParseDictionary(List<KeyValuePair<string, StructuredItem>> members)
        {
            while (!_rest.IsEmpty)
            {
                if (!TryParseKey(out var key))
                {
                    return false;
                }

                StructuredItem item;
                if (Peek() == '=')
                {
                    _rest = _rest[1..];
                    if (!(Peek() == '(' ? TryParseInnerList(out item) : TryParseItem(out item)))
                    {
                        return false;
                    }
                }
                else
                {
                    item = StructuredItem.True;
                    if (!TryParseParameters())
                    {
                        return false;
                    }
                }

                Set(members, key, item);
                _rest = _rest.TrimStart(" \t");
                if (_rest.IsEmpty)
                {
                    return true;
                }

                if (_rest[0] != ',')
                {
                    return false;
                }

                _rest = _rest[1..].TrimStart(" \t");
                if (_rest.IsEmpty)
                {
                    return false; // a trailing comma
                }
            }

            return false; // an empty field value is not a dictionary the cache can use
        }

        private static void Set(List<KeyValuePair<string, StructuredItem>> members, string key, StructuredItem item)
        {
            for (var i = 0; i < members.Count; i++)
            {
                if (members[i].Key == key)
                {
                    members[i] = new(key, item);
                    return;
                }
            }

            members.Add(new(key, item));
        }

        // §4.2.3.3: key = ( lcalpha / "*" ) *( lcalpha / DIGIT / "_" / "-" / "." / "*" )
        private bool TryParseKey(out string key)
        {
            key = string.Empty;
            if (_rest.IsEmpty || !(char.IsAsciiLetterLower(_rest[0]) || _rest[0] == '*'))
            {
                return false;
            }

            var length = 1;
            while (length < _rest.Length && (char.IsAsciiLetterLower(_rest[length]) || char.IsAsciiDigit(_rest[length]) || _rest[length] is '_' or '-' or '.' or '*'))
            {
                length++;
            }

            key = _rest[..length].ToString();
            _rest = _rest[length..];
            return true;
        }

        // §4.2.1.1: "(" *SP [ item *( 1*SP item ) *SP ] ")" parameters
        private bool TryParseInnerList(out StructuredItem item)
        {
            item = StructuredItem.InnerList;
            _rest = _rest[1..];
            while (true)
            {
                _rest = _rest.TrimStart(' ');
                if (_rest.IsEmpty)
                {
                    return false;
                }

                if (_rest[0] == ')')
                {
                    _rest = _rest[1..];
                    return TryParseParameters();
                }

                if (!TryParseItem(out _) || _rest.IsEmpty || _rest[0] is not (' ' or ')'))
                {
                    return false;
                }
            }
        }

        // §4.2.3: bare-item parameters
        private bool TryParseItem(out StructuredItem item) => TryParseBareItem(out item) && TryParseParameters();

        // §4.2.3.2: *( ";" *SP key [ "=" bare-item ] )
        private bool TryParseParameters()
        {
            while (Peek() == ';')
            {
                _rest = _rest[1..].TrimStart(' ');
                if (!TryParseKey(out _))
                {
                    return false;
                }

                if (Peek() == '=')
                {
                    _rest = _rest[1..];
                    if (!TryParseBareItem(out _))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        // §4.2.3.1
        private bool TryParseBareItem(out StructuredItem item)
        {
            item = default;
            var first = Peek();
            return first switch
            {
                '-' => TryParseNumber(out item),
                '"' => TryParseString(out item),
                ':' => TryParseByteSequence(out item),
                '?' => TryParseBoolean(out item),
                '*' => TryParseToken(out item),
                _ when char.IsAsciiDigit(first) => TryParseNumber(out item),
                _ when char.IsAsciiLetter(first) => TryParseToken(out item),
                _ => false,
            };
        }

        // §4.2.4: up to 15 integer digits; a decimal has at most 12 before the point and 1-3 after it.
        private bool TryParseNumber(out StructuredItem item)
        {
            item = default;
            var negative = Peek() == '-';
            var start = negative ? 1 : 0;
            var length = start;
            var point = -1;
            while (length < _rest.Length)
            {
                var c = _rest[length];
                if (char.IsAsciiDigit(c))
                {
                    length++;
                }
                else if (c == '.' && point < 0)
                {
                    if (length - start > 12)
                    {
                        return false;
                    }

                    point = length++;
                }
                else
                {
                    break;
                }

                if ((point < 0 && length - start > MaxIntegerDigits) || (point >= 0 && length - start > 16))
                {
                    return false;
                }
            }

            var text = _rest[start..length];
            if (text.IsEmpty || !char.IsAsciiDigit(text[0]))
            {
                return false;
            }

            if (point >= 0)
            {
                var fraction = length - point - 1;
                if (fraction is < 1 or > 3)
                {
                    return false;
                }

                item = new StructuredItem(StructuredItemKind.Decimal, _rest[..length].ToString(), 0);
            }
            else
            {
                long number = 0;
                foreach (var c in text)
                {
                    number = (number * 10) + (c - '0');
                }

                item = new StructuredItem(StructuredItemKind.Integer, null, negative ? -number : number);
            }

            _rest = _rest[length..];
            return true;
        }

        // §4.2.5: DQUOTE *( unescaped / "\" ( DQUOTE / "\" ) ) DQUOTE, printable ASCII only.
        private bool TryParseString(out StructuredItem item)
        {
            item = default;
            var text = new System.Text.StringBuilder();
            for (var i = 1; i < _rest.Length; i++)
            {
                var c = _rest[i];
                if (c == '\\')
                {
                    if (++i >= _rest.Length || _rest[i] is not ('"' or '\\'))
                    {
                        return false;
                    }

                    text.Append(_rest[i]);
                }
                else if (c == '"')
                {
                    item = new StructuredItem(StructuredItemKind.String, text.ToString(), 0);
                    _rest = _rest[(i + 1)..];
                    return true;
                }
                else if (c is < ' ' or > '~')
                {
                    return false;
                }
                else
                {
                    text.Append(c);
                }
            }

            return false; // unterminated
        }

        // §4.2.6: ( ALPHA / "*" ) *( tchar / ":" / "/" )
        private bool TryParseToken(out StructuredItem item)
        {
            var length = 1;
            while (length < _rest.Length && (IsTchar(_rest[length]) || _rest[length] is ':' or '/'))
            {
                length++;
            }

            item = new StructuredItem(StructuredItemKind.Token, _rest[..length].ToString(), 0);
            _rest = _rest[length..];
            return true;
        }

        // §4.2.7: ":" *base64 ":" (the content is not needed, only its syntax).
        private bool TryParseByteSequence(out StructuredItem item)
        {
            item = default;
            var end = _rest[1..].IndexOf(':');
            if (end < 0)
            {
                return false;
            }

            foreach (var c in _rest.Slice(1, end))
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
                {
                    return false;
                }
            }

            item = new StructuredItem(StructuredItemKind.ByteSequence, null, 0);
            _rest = _rest[(end + 2)..];
            return true;
        }

        // §4.2.8: "?" ( "0" / "1" )
        private bool TryParseBoolean(out StructuredItem item)
        {
            item = default;
            if (_rest.Length < 2 || _rest[1] is not ('0' or '1'))
            {
                return false;
            }

            item = _rest[1] == '1' ? StructuredItem.True : StructuredItem.False;
            _rest = _rest[2..];
            return true;
        }

        private readonly char Peek() => _rest.IsEmpty ? '\0' : _rest[0];

        // RFC 9110 §5.6.2
        private static bool IsTchar(char c) =>
            char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
    }
}
