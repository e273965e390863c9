// A response as a raw client read it off the wire, parsed without trusting it to be whole: the head may be
// missing, the body may stop before its declared Content-Length or before the chunk that ends it.
using System.Globalization;
using System.Text;

namespace Lacquer.Harness;

internal sealed class RawResponse
{
    private RawResponse(byte[] received)
    {
        Received = received;
    }

    /// <summary>Every byte read from the connection.</summary>
    public byte[] Received { get; }

    /// <summary>True when the status line and all header fields arrived.</summary>
    public bool HeadComplete { get; private set; }

    public int Status { get; private set; }

    public List<KeyValuePair<string, string>> Fields { get; } = [];

    public long? ContentLength { get; private set; }

    public bool Chunked { get; private set; }

    /// <summary>The body bytes received so far (de-chunked).</summary>
    public byte[] Body { get; private set; } = [];

    /// <summary>
    /// True when the response is whole by its own framing: all Content-Length bytes, or the last chunk and
    /// the empty line after it. A response without either (delimited by the connection's end) counts as
    /// whole only when Parse was told that the connection ended.
    /// </summary>
    public bool IsComplete { get; private set; }

    public string Text => Encoding.UTF8.GetString(Body);

    public string? Header(string name)
    {
        var values = Fields.Where(field => field.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(field => field.Value).ToList();
        return values.Count == 0 ? null : string.Join(", ", values);
    }

    public static RawResponse Parse(byte[] received, bool connectionEnded = false)
    {
        var response = new RawResponse(received);
        var headEnd = received.AsSpan().IndexOf("\r\n\r\n"u8);
        if (headEnd < 0)
        {
            return response;
        }

        response.HeadComplete = true;
        var lines = Encoding.Latin1.GetString(received, 0, headEnd).Split("\r\n");
        var statusParts = lines[0].Split(' ');
        response.Status = statusParts.Length > 1 && int.TryParse(statusParts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status) ? status : 0;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            response.Fields.Add(colon < 0 ? new(line, string.Empty) : new(line[..colon], line[(colon + 1)..].Trim()));
        }

        var rest = received.AsSpan(headEnd + 4);
        var length = response.Header("Content-Length");
        response.Chunked = response.Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;
        if (response.Chunked)
        {
            response.ParseChunks(rest);
        }
        else if (length is not null)
        {
            response.ContentLength = long.Parse(length, CultureInfo.InvariantCulture);
            response.Body = rest[..(int)Math.Min(rest.Length, response.ContentLength.Value)].ToArray();
            response.IsComplete = rest.Length >= response.ContentLength;
        }
        else if (response.Status is 204 or 304 or (>= 100 and < 200))
        {
            response.IsComplete = true;
        }
        else
        {
            response.Body = rest.ToArray();
            response.IsComplete = connectionEnded;
        }

        return response;
    }

    private void ParseChunks(ReadOnlySpan<byte> rest)
    {
        var body = new List<byte>();
        while (true)
        {
            var lineEnd = rest.IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                break;
            }

            var sizeText = Encoding.Latin1.GetString(rest[..lineEnd]).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size))
            {
                break;
            }

            rest = rest[(lineEnd + 2)..];
            if (size == 0)
            {
                // The last chunk; no trailer fields from Kestrel, so the empty line follows at once.
                IsComplete = rest.StartsWith("\r\n"u8);
                break;
            }

            var available = Math.Min(size, rest.Length);
            body.AddRange(rest[..available]);
            if (rest.Length < size + 2)
            {
                break;
            }

            rest = rest[(size + 2)..];
        }

        Body = [.. body];
    }
}
