namespace Lacquer.Configuration;

/// <summary>
/// Reads <c>listen</c>. A listener URL must be absolute <c>http</c> with a host and an explicit port
/// (0 = ephemeral), and nothing after the authority: Kestrel binds an address, not a path. The two
/// listeners must not bind the same port on the same (or the any-) address, unless the port is 0.
/// </summary>
internal static class ListenSettingsReader
{
    private static readonly string[] Keys = ["proxy", "admin"];

    public static ListenSettings Read(ObjectReader root)
    {
        var listen = root.Object("listen", Keys);
        var errorsBefore = listen.Errors.Count;
        var proxy = ReadUrl(listen.Node("proxy"), listen.Errors) ?? ListenSettings.DefaultProxy;
        var adminNode = listen.Node("admin");
        var admin = ReadUrl(adminNode, listen.Errors) ?? ListenSettings.DefaultAdmin;
        if (listen.Errors.Count == errorsBefore
            && proxy.Port != 0
            && proxy.Port == admin.Port
            && (string.Equals(proxy.Host, admin.Host, StringComparison.OrdinalIgnoreCase) || IsAnyAddress(proxy) || IsAnyAddress(admin)))
        {
            listen.Errors.Add(new(adminNode.Path, $"must differ from listen:proxy (both are {admin.Authority})"));
        }

        return new ListenSettings(proxy, admin);
    }

    /// <summary>The URL, or null when missing (use the default) or invalid (error reported).</summary>
    private static Uri? ReadUrl(ConfigNode node, List<ConfigError> errors)
    {
        if (!node.TryReadText(errors, required: false, out var text))
        {
            return null;
        }

        var problem = Problem(text, out var url);
        if (problem.Length > 0)
        {
            errors.Add(new(node.Path, $"{problem} (found {ObjectReader.Quote(text)})"));
            return null;
        }

        return url;
    }

    private static string Problem(string text, out Uri? url)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.IsFile || url.IsUnc)
        {
            return text.Contains('*', StringComparison.Ordinal) || text.Contains('+', StringComparison.Ordinal)
                ? "must be an absolute http URL such as http://127.0.0.1:8080; for every address use http://0.0.0.0:PORT or http://[::]:PORT"
                : "must be an absolute http URL such as http://127.0.0.1:8080";
        }

        if (url.Scheme != Uri.UriSchemeHttp)
        {
            return "must use the http scheme";
        }

        if (url.Host.Length == 0)
        {
            return "must name a host";
        }

        if (url.UserInfo.Length > 0 || url.AbsolutePath != "/" || url.Query.Length > 0 || url.Fragment.Length > 0
            || text.Contains('?', StringComparison.Ordinal) || text.Contains('#', StringComparison.Ordinal))
        {
            return "must be only scheme, host and port, with no user, path, query or fragment";
        }

        return HasExplicitPort(text) ? string.Empty : "must include a port, e.g. http://127.0.0.1:8080 (0 picks a free port)";
    }

    private static bool IsAnyAddress(Uri url) => url.Host is "0.0.0.0" or "[::]";

    /// <summary><see cref="Uri"/> hides an explicit default port (<c>:80</c>), so look at the text's authority.</summary>
    private static bool HasExplicitPort(string text)
    {
        var start = text.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = text.IndexOfAny(['/', '?', '#'], start);
        var authority = text.AsSpan()[start..(end < 0 ? text.Length : end)];
        var at = authority.LastIndexOf('@');
        authority = authority[(at + 1)..];
        return authority.StartsWith("[")
            ? authority.Contains("]:", StringComparison.Ordinal)
            : authority.Contains(':');
    }
}
