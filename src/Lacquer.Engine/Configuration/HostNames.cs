using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Lacquer.Configuration;

/// <summary>
/// The one canonical form of a host name, shared by zone configuration, cache keys, the Host and
/// X-Forwarded-Host an origin is sent, the purge indexes and every purge selector: ASCII, lower-case, no
/// port, an internationalised name in its IDNA (punycode, <c>xn--</c>) form. A host is a DNS name (labels of
/// letters, digits, <c>-</c> and <c>_</c>, 1–63 characters, 253 in all), an IPv4 address, or an IPv6 address
/// in brackets. No scheme, path, port, wildcard or trailing dot. A name given in Unicode (<c>bücher.example</c>)
/// is converted to its ASCII form (<c>xn--bcher-kva.example</c>); an <c>xn--</c> label must decode.
/// </summary>
/// <remarks>IdnMapping instances are not documented as thread-safe, so each conversion makes its own (purges
/// and start-up only; the request path compares the Host field with the zone's canonical names).</remarks>
internal static class HostNames
{
    /// <summary>Returns the canonical host, or null with <paramref name="problem"/> set.</summary>
    public static string? Normalize(string text, out string problem)
    {
        problem = Problem(text, out var ascii);
        return problem.Length == 0 ? ascii.ToLowerInvariant() : null;
    }

    /// <summary>The canonical form of a host a purge names, or null when it is not a valid host.</summary>
    public static string? Canonical(string text) => Normalize(text, out _);

    /// <summary>
    /// Lower-cases, then encodes each non-ASCII label as punycode (RFC 3492). The process runs with invariant
    /// globalization, where IdnMapping applies no UTS #46 mapping of its own and no Unicode normalisation is
    /// available: a name is read as given, so a decomposed spelling (u + combining diaeresis) gives another
    /// name than the composed one (ü). Names should be given composed (NFC), as browsers send them.
    /// </summary>
    private static string? ToAscii(string text)
    {
        try
        {
            return new IdnMapping().GetAscii(text.ToLowerInvariant());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>An <c>xn--</c> label must be punycode that decodes to a valid name.</summary>
    private static bool DecodesAsIdna(string text)
    {
        if (!text.Contains("xn--", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            new IdnMapping().GetUnicode(text.ToLowerInvariant());
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string Problem(string text, out string ascii)
    {
        ascii = text;
        if (text.Contains("://", StringComparison.Ordinal))
        {
            return "must be a host name, not a URL: remove the scheme";
        }

        if (text.Contains('/', StringComparison.Ordinal))
        {
            return "must be a host name without a path";
        }

        if (text.StartsWith('['))
        {
            return IsBracketedIPv6(text) ? string.Empty
                : text.Contains("]:", StringComparison.Ordinal) ? "must not include a port"
                : "is not a valid IPv6 address in brackets";
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6
                ? "must write an IPv6 address in brackets, e.g. [::1]"
                : "must not include a port";
        }

        if (text.Contains('*', StringComparison.Ordinal))
        {
            return "must not contain a wildcard; list each host";
        }

        if (!System.Text.Ascii.IsValid(text))
        {
            ascii = ToAscii(text) ?? string.Empty;
            if (ascii.Length == 0)
            {
                return "is not a valid internationalised host name";
            }

            text = ascii;
        }

        if (text.EndsWith('.'))
        {
            return "must not end with a dot";
        }

        if (!IsDnsName(text))
        {
            return "is not a valid host name";
        }

        return DecodesAsIdna(text) ? string.Empty : "has an xn-- label that is not valid punycode";
    }

    private static bool IsBracketedIPv6(string text) =>
        text.Length > 2
        && text.EndsWith(']')
        && IPAddress.TryParse(text.AsSpan(1, text.Length - 2), out var address)
        && address.AddressFamily == AddressFamily.InterNetworkV6;

    private static bool IsDnsName(string text)
    {
        if (text.Length is 0 or > 253)
        {
            return false;
        }

        foreach (var range in text.AsSpan().Split('.'))
        {
            var label = text.AsSpan()[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
