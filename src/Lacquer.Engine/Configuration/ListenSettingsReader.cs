namespace Lacquer.Configuration;

/// <summary>
/// Reads <c>listen</c>. <c>listen:proxy</c> is one URL or a list of them; each must be absolute <c>http</c> or
/// <c>https</c> with a host and an explicit port (0 = ephemeral), and nothing after the authority: Kestrel binds
/// an address, not a path. <c>listen:admin</c> is one <c>http</c> URL. No two listeners may bind the same port on
/// the same (or the any-) address, unless the port is 0. An https proxy listener needs at least one certificate
/// in <c>tls:certificates</c>. <c>listen:h2c</c> names plain proxy listeners that speak HTTP/2 with prior knowledge.
/// </summary>
internal static class ListenSettingsReader
{
    private static readonly string[] Keys = ["proxy", "admin", "h2c"];

    /// <param name="hasCertificates">Whether <c>tls:certificates</c> lists any certificate (valid or not).</param>
    public static ListenSettings Read(ObjectReader root, bool hasCertificates)
    {
        var listen = root.Object("listen", Keys);
        var errors = listen.Errors;
        var proxyNode = listen.Node("proxy");
        var proxies = new List<(Uri Url, string Path)>();
        var proxyValid = true;
        if (proxyNode.Shape == NodeShape.Array)
        {
            proxyNode.TryReadItems(errors, out var items);
            foreach (var item in items)
            {
                proxyValid &= Add(item, proxies, allowHttps: true, errors);
            }
        }
        else if (proxyNode.IsMissing)
        {
            proxies.Add((ListenSettings.DefaultProxy, proxyNode.Path));
        }
        else
        {
            proxyValid = Add(proxyNode, proxies, allowHttps: true, errors);
        }

        if (proxyNode.Shape == NodeShape.Array && proxies.Count == 0 && proxyValid)
        {
            errors.Add(new(proxyNode.Path, "must list at least one URL"));
        }

        foreach (var (url, path) in proxies)
        {
            if (url.Scheme == Uri.UriSchemeHttps && !hasCertificates)
            {
                errors.Add(new(path, $"an https listener needs a certificate: add one to tls:certificates (found {ObjectReader.Quote(url.OriginalString)})"));
            }
        }

        for (var i = 1; i < proxies.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (Collide(proxies[i].Url, proxies[j].Url))
                {
                    errors.Add(new(proxies[i].Path, $"binds the same address as {proxies[j].Path} ({proxies[i].Url.Authority})"));
                    break;
                }
            }
        }

        var adminNode = listen.Node("admin");
        var adminList = new List<(Uri Url, string Path)>();
        var adminValid = Add(adminNode, adminList, allowHttps: false, errors);
        var admin = adminList.Count > 0 ? adminList[0].Url : ListenSettings.DefaultAdmin;
        if (proxyValid && adminValid)
        {
            foreach (var (url, path) in proxies)
            {
                if (Collide(admin, url))
                {
                    errors.Add(new(adminNode.Path, $"must differ from {path} (both are {admin.Authority})"));
                    break;
                }
            }
        }

        var h2c = ReadH2c(listen.Node("h2c"), proxies, errors);
        return new ListenSettings([.. proxies.Select(proxy => proxy.Url)], admin) { H2c = h2c };
    }

    /// <summary>Reads <c>listen:h2c</c>: URLs that are plain listeners of <c>listen:proxy</c>.</summary>
    private static IReadOnlyList<Uri> ReadH2c(ConfigNode node, List<(Uri Url, string Path)> proxies, List<ConfigError> errors)
    {
        var texts = StringListReader.Read(node, errors, requiredMessage: null, text =>
        {
            var problem = Problem(text, allowHttps: true, out var url);
            if (problem.Length > 0)
            {
                return (null, $"{problem} (found {ObjectReader.Quote(text)})");
            }

            if (url!.Scheme == Uri.UriSchemeHttps)
            {
                return (null, $"must be a plain http listener: an https listener offers HTTP/2 by ALPN already (found {ObjectReader.Quote(text)})");
            }

            return proxies.Count(proxy => proxy.Url == url) switch
            {
                1 => (url.AbsoluteUri, string.Empty),
                0 => (null, $"must be one of the listen:proxy URLs (found {ObjectReader.Quote(text)})"),
                _ => (null, $"names more than one listen:proxy listener; give the h2c one its own address or port (found {ObjectReader.Quote(text)})"),
            };
        });
        return [.. texts.Select(text => new Uri(text))];
    }

    /// <summary>Checks one listener URL; adds it, or reports it and returns false. Missing adds nothing and is not an error.</summary>
    private static bool Add(ConfigNode node, List<(Uri Url, string Path)> urls, bool allowHttps, List<ConfigError> errors)
    {
        if (!node.TryReadText(errors, required: false, out var text))
        {
            return node.IsMissing;
        }

        var problem = Problem(text, allowHttps, out var url);
        if (problem.Length > 0)
        {
            errors.Add(new(node.Path, $"{problem} (found {ObjectReader.Quote(text)})"));
            return false;
        }

        urls.Add((url!, node.Path));
        return true;
    }

    /// <summary>Two listeners collide on the same non-zero port of the same host, or when either is an any-address.</summary>
    private static bool Collide(Uri a, Uri b) =>
        a.Port != 0
        && a.Port == b.Port
        && (string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) || IsAnyAddress(a) || IsAnyAddress(b));

    private static string Problem(string text, bool allowHttps, out Uri? url)
    {
        var expected = allowHttps ? "an absolute http or https URL such as http://127.0.0.1:8080" : "an absolute http URL such as http://127.0.0.1:8080";
        if (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.IsFile || url.IsUnc)
        {
            return text.Contains('*', StringComparison.Ordinal) || text.Contains('+', StringComparison.Ordinal)
                ? $"must be {expected}; for every address use http://0.0.0.0:PORT or http://[::]:PORT"
                : $"must be {expected}";
        }

        if (url.Scheme != Uri.UriSchemeHttp && !(allowHttps && url.Scheme == Uri.UriSchemeHttps))
        {
            return allowHttps ? "must use the http or https scheme" : "must use the http scheme";
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

        return HasExplicitPort(text) ? string.Empty : $"must include a port, e.g. {url.Scheme}://127.0.0.1:{(url.Scheme == Uri.UriSchemeHttps ? 8443 : 8080)} (0 picks a free port)";
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
