// The decoder the proxy listener uses for Connection field lines (ConnectionFieldLines explains why): strict
// UTF-8, of which ASCII is a part, as Kestrel decodes request fields by default; a line with a NUL or an invalid
// byte is refused as Kestrel refuses it (the request gets 400). Each decoded line is recorded for the request.
using System.Text;

namespace Lacquer.Forwarding;

internal sealed class LineRecordingEncoding : Encoding
{
    public static readonly LineRecordingEncoding Instance = new();

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private LineRecordingEncoding()
    {
    }

    public override int GetByteCount(char[] chars, int index, int count) => Strict.GetByteCount(chars, index, count);

    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex) =>
        Strict.GetBytes(chars, charIndex, charCount, bytes, byteIndex);

    public override int GetCharCount(byte[] bytes, int index, int count) => Strict.GetCharCount(bytes, index, count);

    /// <summary>Kestrel decodes a field line through here (Encoding.GetString's default path ends in this overload).</summary>
    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex)
    {
        var written = Strict.GetChars(bytes, byteIndex, byteCount, chars, charIndex);
        var line = chars.AsSpan(charIndex, written);
        if (line.Contains('\0'))
        {
            throw new DecoderFallbackException("A Connection field line contains a NUL character.");
        }

        ConnectionFieldLines.Record(line.ToString());
        return written;
    }

    public override int GetMaxByteCount(int charCount) => Strict.GetMaxByteCount(charCount);

    public override int GetMaxCharCount(int byteCount) => Strict.GetMaxCharCount(byteCount);
}
