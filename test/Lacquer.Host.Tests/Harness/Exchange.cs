// A completed client exchange with fluent expectations, so tests read like transcripts:
//   (await client.Get("/a")).ExpectMiss().ExpectBody("a1");
using System.Net;
using System.Text;

namespace Lacquer.Harness;

internal sealed class Exchange
{
    public Exchange(HttpResponseMessage response, byte[] body)
    {
        Status = (int)response.StatusCode;
        Body = body;
        Headers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated))
        {
            if (!Headers.TryGetValue(name, out var list))
            {
                Headers[name] = list = [];
            }

            list.AddRange(values);
        }
    }

    public int Status { get; }

    public byte[] Body { get; }

    public string Text => Encoding.UTF8.GetString(Body);

    public Dictionary<string, List<string>> Headers { get; }

    /// <summary>Lacquer's member of Cache-Status, or an empty string when there is none.</summary>
    public string CacheStatus => Header("Cache-Status")?.Split(',').Select(member => member.Trim()).LastOrDefault(member => member.StartsWith("Lacquer", StringComparison.Ordinal)) ?? string.Empty;

    public string? Header(string name) => Headers.TryGetValue(name, out var values) ? string.Join(", ", values) : null;

    public Exchange ExpectStatus(HttpStatusCode status) => ExpectStatus((int)status);

    public Exchange ExpectStatus(int status)
    {
        Assert.True(Status == status, $"Expected status {status}, got {Status}. Cache-Status: {CacheStatus}. Body: {Truncated()}");
        return this;
    }

    public Exchange ExpectHit()
    {
        Assert.True(CacheStatus == "Lacquer; hit", $"Expected a hit, Cache-Status was '{CacheStatus}'.");
        return this;
    }

    /// <summary>Forwarded to the origin (fwd=miss, or the given fwd reason).</summary>
    public Exchange ExpectMiss(string fwd = "miss")
    {
        Assert.True(CacheStatus.StartsWith($"Lacquer; fwd={fwd}", StringComparison.Ordinal), $"Expected fwd={fwd}, Cache-Status was '{CacheStatus}'.");
        return this;
    }

    public Exchange ExpectStored()
    {
        Assert.Contains("; stored", CacheStatus, StringComparison.Ordinal);
        return this;
    }

    public Exchange ExpectNotStored(string detail)
    {
        Assert.True(CacheStatus.EndsWith($"detail={detail}", StringComparison.Ordinal), $"Expected detail={detail}, Cache-Status was '{CacheStatus}'.");
        return this;
    }

    public Exchange ExpectBody(string body)
    {
        Assert.Equal(body, Text);
        return this;
    }

    public Exchange ExpectHeader(string name, string value)
    {
        Assert.Equal(value, Header(name));
        return this;
    }

    public Exchange ExpectNoHeader(string name)
    {
        Assert.True(Header(name) is null, $"Expected no {name} header, got '{Header(name)}'.");
        return this;
    }

    /// <summary>The body is exactly <paramref name="exactBody"/>, served as application/json.</summary>
    public Exchange ExpectJson(string exactBody)
    {
        ExpectJsonContentType();
        Assert.Equal(exactBody, Text);
        return this;
    }

    /// <summary>The whole body matches the regular expression <paramref name="pattern"/>, served as application/json.</summary>
    public Exchange ExpectJsonMatching(string pattern)
    {
        ExpectJsonContentType();
        Assert.Matches("^" + pattern + "$", Text);
        return this;
    }

    private void ExpectJsonContentType()
    {
        var contentType = Header("Content-Type") ?? string.Empty;
        Assert.True(contentType.StartsWith("application/json", StringComparison.Ordinal), $"Expected application/json, Content-Type was '{contentType}'. Body: {Truncated()}");
    }

    private string Truncated() => Text.Length > 300 ? Text[..300] : Text;
}
