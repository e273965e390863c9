// Owns: the text of one request log line in each format (docs/observability.md, "Request log").
//   combined: client - - [time] "METHOD target PROTOCOL" status bytes "referer" "user-agent" host="…" zone=… cache=… duration=… origin=…
//   json:     {"time":…,"client":…,"method":…,"host":…,"target":…,"protocol":…,"status":…,"bytes":…,"duration":…,"cache":…,"zone":…,"origin":…,"referer":…,"userAgent":…}
// Durations are in seconds. A field the request did not have is "-" in combined and null in JSON. Quoted
// combined fields escape '"', '\' and control characters as \xHH, as nginx does, so one line stays one line.
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lacquer.Diagnostics;

internal static class RequestLogLine
{
    public static void WriteCombined(IBufferWriter<byte> output, in RequestLogEntry entry)
    {
        var line = new StringBuilder(256);
        line.Append(entry.Client?.ToString() ?? "-").Append(" - - [")
            .Append(entry.Time.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture)).Append(" +0000] \"");
        AppendEscaped(line, entry.Method).Append(' ');
        AppendEscaped(line, entry.Target).Append(' ');
        AppendEscaped(line, entry.Protocol).Append("\" ")
            .Append(entry.Status.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(entry.Bytes is long bytes ? bytes.ToString(CultureInfo.InvariantCulture) : "-").Append(" \"");
        AppendEscaped(line, entry.Referer.Length > 0 ? entry.Referer : "-").Append("\" \"");
        AppendEscaped(line, entry.UserAgent.Length > 0 ? entry.UserAgent : "-").Append("\" host=\"");
        AppendEscaped(line, entry.Host).Append("\" zone=").Append(entry.Zone ?? "-")
            .Append(" cache=").Append(CacheOutcomes.Label(entry.Cache))
            .Append(" duration=").Append(Seconds(entry.Duration))
            .Append(" origin=").Append(entry.Origin is TimeSpan origin ? Seconds(origin) : "-")
            .Append('\n');
        var text = line.ToString();
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    public static void WriteJson(IBufferWriter<byte> output, in RequestLogEntry entry)
    {
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("time", entry.Time.UtcDateTime);
            WriteStringOrNull(json, "client", entry.Client?.ToString());
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
            WriteStringOrNull(json, "zone", entry.Zone);
            if (entry.Origin is TimeSpan origin)
            {
                json.WriteNumber("origin", Math.Round(origin.TotalSeconds, 6));
            }
            else
            {
                json.WriteNull("origin");
            }

            WriteStringOrNull(json, "referer", entry.Referer.Length > 0 ? entry.Referer : null);
            WriteStringOrNull(json, "userAgent", entry.UserAgent.Length > 0 ? entry.UserAgent : null);
            json.WriteEndObject();
        }

        output.GetSpan(1)[0] = (byte)'\n';
        output.Advance(1);
    }

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000000", CultureInfo.InvariantCulture);

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
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

    private static StringBuilder AppendEscaped(StringBuilder line, string value)
    {
        foreach (var c in value)
        {
            if (c is '"' or '\\' or < ' ' or '\x7f')
            {
                line.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                line.Append(c);
            }
        }

        return line;
    }
}
