// The client side of `lacquer purge` and `lacquer stats`: finds the admin listener (--admin, else
// LACQUER_ADMIN, else the default address) and the token (--token, else LACQUER_TOKEN), sends one request and
// turns any failure into one line for the operator: the server's own error message (Cloudflare's errors[],
// or {"error": …}), or why the listener could not be reached. The token goes only into the Authorization
// header; no message ever contains it.
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lacquer.Cli;

internal sealed class AdminClient : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;
    private readonly string? _token;

    private AdminClient(Uri admin, string? token)
    {
        Admin = admin;
        _token = token;
        _http = new HttpClient { Timeout = Timeout };
    }

    /// <summary>The admin listener's base URL, as given or defaulted.</summary>
    public Uri Admin { get; }

    public bool HasToken => _token is not null;

    /// <summary>The client for the given options and environment, or a usage error (never containing the token).</summary>
    public static (AdminClient? Client, string? Error) Create(string? admin, string? token, CliEnvironment environment)
    {
        var address = NonEmpty(admin) ?? NonEmpty(environment.Variable(CliEnvironment.AdminVariable)) ?? CliEnvironment.DefaultAdmin.ToString();
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return (null, $"the admin URL '{address}' is not an absolute http:// or https:// URL (--admin or {CliEnvironment.AdminVariable}).");
        }

        var secret = NonEmpty(token) ?? NonEmpty(environment.Variable(CliEnvironment.TokenVariable));
        if (secret is not null && secret.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return (null, "the token contains spaces or control characters; check --token or " + CliEnvironment.TokenVariable + ".");
        }

        return (new AdminClient(uri, secret), null);
    }

    public async Task<AdminAnswer> SendAsync(HttpMethod method, string path, JsonNode? body, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(Admin.GetLeftPart(UriPartial.Path).TrimEnd('/') + path));
        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return new AdminAnswer((int)response.StatusCode, text, ErrorOf(response, text));
        }
        catch (HttpRequestException exception)
        {
            return AdminAnswer.Unreachable($"cannot reach the admin listener at {Admin}: {exception.Message} (is Lacquer running? --admin or {CliEnvironment.AdminVariable} sets the address)");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AdminAnswer.Unreachable($"the admin listener at {Admin} did not answer within {Timeout.TotalSeconds:0} seconds.");
        }
    }

    public void Dispose() => _http.Dispose();

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Null for a 2xx answer that is not a Cloudflare failure; otherwise the server's message.</summary>
    private static string? ErrorOf(HttpResponseMessage response, string text)
    {
        var status = $"HTTP {(int)response.StatusCode}";
        JsonNode? json = null;
        try
        {
            json = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // Not JSON: only the status can tell.
        }

        if (json is JsonObject envelope && envelope["success"] is JsonValue success && success.TryGetValue<bool>(out var ok) && !ok)
        {
            var messages = (envelope["errors"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Select(error => $"{error["message"]?.GetValue<string>()} (code {error["code"]})");
            return $"{status}: {string.Join("; ", messages)}";
        }

        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        return json is JsonObject { } body && body["error"] is JsonValue message && message.TryGetValue<string>(out var error)
            ? $"{status}: {error}"
            : $"{status} {response.ReasonPhrase}".TrimEnd();
    }
}

/// <summary>One answer from the admin listener: its status and body, or the reason it failed.</summary>
internal sealed record AdminAnswer(int Status, string Body, string? Error)
{
    public bool Succeeded => Error is null;

    public static AdminAnswer Unreachable(string reason) => new(0, string.Empty, reason);
}
