namespace Lacquer.Configuration;

/// <summary>
/// Listener addresses: absolute URLs with a host and an explicit port (0 = ephemeral), no path.
/// <see cref="Proxy"/> holds one or more proxy listeners, <c>http</c> or <c>https</c> (an https one serves the
/// certificates of <see cref="TlsSettings"/>); <see cref="Admin"/> is one <c>http</c> URL.
/// Defaults: proxy <c>http://127.0.0.1:8080</c>, admin <c>http://127.0.0.1:8081</c>.
/// </summary>
internal sealed record ListenSettings(IReadOnlyList<Uri> Proxy, Uri Admin)
{
    public static readonly Uri DefaultProxy = new("http://127.0.0.1:8080");

    public static readonly Uri DefaultAdmin = new("http://127.0.0.1:8081");

    /// <summary>Plain proxy listeners (each also in <see cref="Proxy"/>) that speak HTTP/2 with prior knowledge (h2c) instead of HTTP/1.1.</summary>
    public IReadOnlyList<Uri> H2c { get; init; } = [];

    /// <summary>Whether any proxy listener is <c>https</c>.</summary>
    public bool HasTls => Proxy.Any(url => url.Scheme == Uri.UriSchemeHttps);

    /// <summary>Whether any proxy listener is plain <c>http</c>.</summary>
    public bool HasPlain => Proxy.Any(url => url.Scheme == Uri.UriSchemeHttp);

    /// <summary>Whether the listener at <paramref name="url"/> (one of <see cref="Proxy"/>) speaks h2c.</summary>
    public bool IsH2c(Uri url) => H2c.Contains(url);
}
