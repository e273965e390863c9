// An HTTP/1.1 client that writes the request target byte for byte as the test gives it. HttpClient
// normalises targets through System.Uri (it sends /a%7Eb as /a~b and /%e2 as /%E2), so tests about the
// exact target a client sent, which is what Lacquer keys on, need this one. One request per connection
// (Connection: close); the answer becomes an ordinary Exchange.
using System.Net.Sockets;
using System.Text;

namespace Lacquer.Harness;

internal sealed class RawHttpClient(Uri listener, string host)
{
    public Task<Exchange> Get(string target, params string[] headers) => Send("GET", target, headers);

    public async Task<Exchange> Send(string method, string target, params string[] headers)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(listener.Host, listener.Port);
        var stream = tcp.GetStream();
        var request = new StringBuilder()
            .Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(host).Append("\r\n")
            .Append("Connection: close\r\n");
        foreach (var line in headers)
        {
            request.Append(line).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()));
        using var received = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await stream.CopyToAsync(received, timeout.Token);
        return Parse(received.ToArray());
    }

    private static Exchange Parse(byte[] raw)
    {
        var headEnd = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(headEnd > 0, "The response has no complete head: " + Encoding.ASCII.GetString(raw));
        var lines = Encoding.ASCII.GetString(raw, 0, headEnd).Split("\r\n");
        var response = new HttpResponseMessage((System.Net.HttpStatusCode)int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
        var fields = new List<(string Name, string Value)>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            fields.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        var body = raw[(headEnd + 4)..];
        if (fields.Any(field => field.Name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && field.Value.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            body = Dechunk(body);
        }

        response.Content = new ByteArrayContent(body);
        foreach (var (name, value) in fields)
        {
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using (response)
        {
            return new Exchange(response, body);
        }
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var body = new MemoryStream();
        var position = 0;
        while (true)
        {
            var lineEnd = chunked.AsSpan(position).IndexOf("\r\n"u8);
            var sizeText = Encoding.ASCII.GetString(chunked, position, lineEnd).Split(';')[0];
            var size = Convert.ToInt32(sizeText, 16);
            position += lineEnd + 2;
            if (size == 0)
            {
                return body.ToArray();
            }

            body.Write(chunked, position, size);
            position += size + 2;
        }
    }
}
