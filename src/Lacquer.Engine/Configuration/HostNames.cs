using System.Net;
using System.Net.Sockets;

namespace Lacquer.Configuration;

/// <summary>
/// Validates and normalises a zone host as it will be compared with the request's Host (without port):
/// a DNS name (labels of letters, digits, <c>-</c> and <c>_</c>, 1–63 characters, 253 in all), an IPv4
/// address, or an IPv6 address in brackets. Lower-cased. No scheme, path, port, wildcard, trailing dot
/// or non-ASCII (use the punycode <c>xn--</c> form).
/// </summary>
internal static class HostNames
{
    /// <summary>Returns the normalised host, or null with <paramref name="problem"/> set.</summary>
    public static string? Normalize(string text, out string problem)
    {
        problem = Problem(text);
        return problem.Length == 0 ? text.ToLowerInvariant() : null;
    }

    private static string Problem(string text)
    {
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
            return "must be ASCII; write an internationalised name in its punycode (xn--) form";
        }

        if (text.EndsWith('.'))
        {
            return "must not end with a dot";
        }

        return IsDnsName(text) ? string.Empty : "is not a valid host name";
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
