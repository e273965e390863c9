namespace Lacquer.Configuration;

/// <summary>
/// Listener addresses: absolute <c>http</c> URLs with a host and an explicit port (0 = ephemeral), no path.
/// Defaults: proxy <c>http://127.0.0.1:8080</c>, admin <c>http://127.0.0.1:8081</c>.
/// </summary>
internal sealed record ListenSettings(Uri Proxy, Uri Admin)
{
    public static readonly Uri DefaultProxy = new("http://127.0.0.1:8080");

    public static readonly Uri DefaultAdmin = new("http://127.0.0.1:8081");
}
