// Owns: the text of one request log line in each format (docs/observability.md, "Request log").
//   combined: client - - [time] "METHOD target PROTOCOL" status bytes "referer" "user-agent" host="…" zone=… cache=… duration=… origin=…
//   json:     {"time":…,"client":…,"method":…,"host":…,"target":…,"protocol":…,"status":…,"bytes":…,"duration":…,"cache":…,"zone":…,"origin":…,"referer":…,"userAgent":…}
// Durations are in seconds. A field the request did not have is "-" in combined and null in JSON. Quoted
// combined fields escape '"', '\' and control characters as \xHH, as nginx does, so one line stays one line.
// Lines are written as UTF-8 straight into the writer's buffer, so the background writer allocates nothing per
// line either (the JSON writer is reused).
using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Lacquer.Diagnostics;

internal sealed class RequestLogLine : IDisposable
{
    private static readonly JsonWriterOptions JsonOptions = new() { SkipValidation = true };

    private readonly Utf8JsonWriter _json = new(Stream.Null, JsonOptions);

    public static void WriteCombined(IBufferWriter<byte> output, in RequestLogEntry entry)
    {
        WriteClient(output, entry.Client);
        Ascii(output, " - - [");
        Formatted(output, entry.Time.UtcDateTime, "dd/MMM/yyyy:HH:mm:ss");
        Ascii(output, " +0000] \"");
        Escaped(output, entry.Method);
        Ascii(output, " ");
        Escaped(output, entry.Target);
        Ascii(output, " ");
        Escaped(output, entry.Protocol);
        Ascii(output, "\" ");
        Formatted(output, entry.Status, null);
        Ascii(output, " ");
        if (entry.Bytes is long bytes)
        {
            Formatted(output, bytes, null);
        }
        else
        {
            Ascii(output, "-");
        }

        Ascii(output, " \"");
        Escaped(output, entry.Referer.Length > 0 ? entry.Referer : "-");
        Ascii(output, "\" \"");
        Escaped(output, entry.UserAgent.Length > 0 ? entry.UserAgent : "-");
        Ascii(output, "\" host=\"");
        Escaped(output, entry.Host);
        Ascii(output, "\" zone=");
        Escaped(output, entry.Zone ?? "-");
        Ascii(output, " cache=");
        Ascii(output, CacheOutcomes.Label(entry.Cache));
        Ascii(output, " duration=");
        Formatted(output, entry.Duration.TotalSeconds, "0.000000");
        Ascii(output, " origin=");
        if (entry.Origin is TimeSpan origin)
        {
            Formatted(output, origin.TotalSeconds, "0.000000");
        }
        else
        {
            Ascii(output, "-");
        }

        Ascii(output, "\n");
    }

    public void WriteJson(IBufferWriter<byte> output, in RequestLogEntry entry)
    {
        var json = _json;
        json.Reset(output);
        json.WriteStartObject();
        json.WriteString("time", entry.Time.UtcDateTime);
        if (entry.Client is { } client)
        {
            Span<char> address = stackalloc char[64];
            json.WriteString("client", client.TryFormat(address, out var length) ? address[..length] : client.ToString());
        }
        else
        {
            json.WriteNull("client");
        }

        json.WriteString("method", entry.Method);
        json.WriteString("host", entry.Host);
        json.WriteString("target", entry.Target);
        json.WriteString("protocol", entry.Protocol);
        json.WriteNumber("status", entry.Status);
        if (entry.Bytes is long bytes)
        {
            json.WriteNumber("bytes", bytes);
        }
        else
        {
            json.WriteNull("bytes");
        }

        json.WriteNumber("duration", Math.Round(entry.Duration.TotalSeconds, 6));
        json.WriteString("cache", CacheOutcomes.Label(entry.Cache));
        StringOrNull(json, "zone", entry.Zone);
        if (entry.Origin is TimeSpan origin)
        {
            json.WriteNumber("origin", Math.Round(origin.TotalSeconds, 6));
        }
        else
        {
            json.WriteNull("origin");
        }

        StringOrNull(json, "referer", entry.Referer.Length > 0 ? entry.Referer : null);
        StringOrNull(json, "userAgent", entry.UserAgent.Length > 0 ? entry.UserAgent : null);
        json.WriteEndObject();
        json.Flush();
        Ascii(output, "\n");
    }

    public void Dispose() => _json.Dispose();

    private static void StringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteClient(IBufferWriter<byte> output, IPAddress? client)
    {
        if (client is null)
        {
            Ascii(output, "-");
            return;
        }

        var span = output.GetSpan(64);
        if (client.TryFormat(span, out var written))
        {
            output.Advance(written);
        }
        else
        {
            Escaped(output, client.ToString());
        }
    }

    private static void Formatted<T>(IBufferWriter<byte> output, T value, string? format)
        where T : IUtf8SpanFormattable
    {
        var span = output.GetSpan(64);
        if (!value.TryFormat(span, out var written, format, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A log field did not fit 64 bytes.");
        }

        output.Advance(written);
    }

    private static void Ascii(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(text.Length);
        output.Advance(Encoding.ASCII.GetBytes(text, span));
    }

    private static void Escaped(IBufferWriter<byte> output, string value)
    {
        var span = output.GetSpan((value.Length * 4) + 4); // at most 4 bytes per char: \\xHH, or UTF-8
        var written = 0;
        var start = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            if (i < value.Length && value[i] is not ('"' or '\\' or < ' ' or '\x7f'))
            {
                continue;
            }

            written += Encoding.UTF8.GetBytes(value.AsSpan(start, i - start), span[written..]);
            if (i < value.Length)
            {
                span[written++] = (byte)'\\';
                span[written++] = (byte)'x';
                span[written++] = (byte)"0123456789ABCDEF"[value[i] >> 4];
                span[written++] = (byte)"0123456789ABCDEF"[value[i] & 0xF];
            }

            start = i + 1;
        }

        output.Advance(written);
    }
}
