// An HTTP client of one Lacquer listener, sending a fixed Host header unless a request names another.
namespace Lacquer.Harness;

internal sealed class ProxyClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _host;

    public ProxyClient(Uri listener, string host)
    {
        _host = host;
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = listener,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public Uri Listener => _http.BaseAddress!;

    public Task<Exchange> Get(string target, params string[] headers) => Send("GET", target, null, headers);

    public Task<Exchange> Head(string target, params string[] headers) => Send("HEAD", target, null, headers);

    /// <param name="headers">Header lines ("Name: value"); a "Host: x" line replaces the default host.</param>
    public async Task<Exchange> Send(string method, string target, HttpContent? content, params string[] headers)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), target) { Content = content };
        request.Headers.Host = _host;
        foreach (var line in headers)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = value;
            }
            else if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        return new Exchange(response, body);
    }

    public void Dispose() => _http.Dispose();
}
