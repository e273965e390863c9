// Reads a request's Host field: uri-host [ ":" port ] (RFC 9110 §7.2), where port = *DIGIT (RFC 3986 §3.2.3).
// The listener has already checked the field's characters; this checks its shape and its port, which must be
// digits with a value of at most 65535, or empty. A field that fails is malformed and answered 400, never
// matched to a zone and never forwarded. The port itself is not used: keys, purges and the origin's Host
// carry the zone's canonical host name without a port (docs/request-path.md, step 1).
namespace Lacquer.Zones;

internal static class HostField
{
    private const int MaxPort = 65535;

    /// <summary>The host of a Host field, without its port; false when the field is malformed.</summary>
    /// <param name="field">The Host field as received, e.g. <c>www.example.com:8080</c> or <c>[::1]:80</c>.</param>
    public static bool TryReadHost(ReadOnlySpan<char> field, out ReadOnlySpan<char> host)
    {
        host = field;
        ReadOnlySpan<char> rest;
        if (field.Length > 0 && field[0] == '[')
        {
            var close = field.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            host = field[..(close + 1)];
            rest = field[(close + 1)..];
        }
        else
        {
            var colon = field.IndexOf(':');
            if (colon < 0)
            {
                return true;
            }

            host = field[..colon];
            rest = field[colon..];
        }

        return rest.IsEmpty || (rest[0] == ':' && IsPort(rest[1..]));
    }

    private static bool IsPort(ReadOnlySpan<char> digits)
    {
        if (digits.Length > 5)
        {
            return false;
        }

        var value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return value <= MaxPort;
    }
}
