// Owns: the body of a multipart/byteranges response (RFC 9110 §14.6) served from a stored body. It is written
// as a stream, never built: each part's header lines, then that part's slice of the stored body, go in turn to
// the response's pipe, and the total length is computed up front for Content-Length. What a request costs in
// memory is its part headers (a hundred bytes or so each) and the pipe's pooled buffers, whatever the number of
// parts and the size of the body; a client that stops reading holds the writer at the pipe's limit (Kestrel's
// response buffer) instead of holding a copy of the whole multipart body.
//
// The text of the part headers is written one byte per character (Latin-1), the encoding the length is
// computed for; a stored Content-Type is ASCII in practice (Kestrel refuses other header bytes by default).
using System.Globalization;
using System.IO.Pipelines;
using System.Text;

namespace Lacquer.Proxy;

internal sealed class MultipartByteRanges
{
    private readonly byte[] _body;
    private readonly IReadOnlyList<(long Start, long End)> _ranges;
    private readonly string[] _heads;
    private readonly string _closing;

    /// <param name="ranges">Satisfiable ranges of <paramref name="body"/> with inclusive ends, in the order to send them.</param>
    /// <param name="partContentType">The stored response's Content-Type, repeated in every part; none when null.</param>
    public MultipartByteRanges(byte[] body, IReadOnlyList<(long Start, long End)> ranges, string? partContentType, string boundary)
    {
        _body = body;
        _ranges = ranges;
        _heads = new string[ranges.Count];
        var typeLine = partContentType is null ? string.Empty : $"Content-Type: {partContentType}\r\n";
        long length = 0;
        for (var i = 0; i < ranges.Count; i++)
        {
            var (start, end) = ranges[i];
            _heads[i] = string.Create(
                CultureInfo.InvariantCulture, $"\r\n--{boundary}\r\n{typeLine}Content-Range: bytes {start}-{end}/{body.Length}\r\n\r\n");
            length += _heads[i].Length + (end - start + 1);
        }

        _closing = $"\r\n--{boundary}--\r\n";
        Length = length + _closing.Length;
        ContentType = "multipart/byteranges; boundary=" + boundary;
    }

    /// <summary>The response's Content-Type: multipart/byteranges with the boundary.</summary>
    public string ContentType { get; }

    /// <summary>The exact number of bytes <see cref="WriteAsync"/> writes (the response's Content-Length).</summary>
    public long Length { get; }

    /// <summary>Writes the parts and the closing delimiter; slices of the stored body are copied a chunk at a time.</summary>
    public async ValueTask WriteAsync(PipeWriter writer, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _heads.Length; i++)
        {
            WriteText(writer, _heads[i]);
            var (start, end) = _ranges[i];
            await ResponseBody.CopyAsync(writer, _body.AsMemory((int)start, (int)(end - start + 1)), cancellationToken);
        }

        WriteText(writer, _closing);
        await writer.FlushAsync(cancellationToken);
    }

    private static void WriteText(PipeWriter writer, string text)
    {
        var written = Encoding.Latin1.GetBytes(text, writer.GetSpan(text.Length));
        writer.Advance(written);
    }
}
