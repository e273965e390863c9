using Lacquer.Diagnostics;

namespace Lacquer.Configuration;

/// <summary>Reads <c>log</c>: <c>requests</c> (<c>off</c>, <c>stdout</c> or a file path) and <c>format</c> (<c>combined</c> or <c>json</c>).</summary>
internal static class LogSettingsReader
{
    private static readonly string[] Keys = ["requests", "format"];

    public static LogSettings Read(ObjectReader root)
    {
        var log = root.Object("log", Keys);
        var requests = LogSettings.Off;
        var requestsNode = log.Node("requests");
        if (requestsNode.TryReadText(log.Errors, required: false, out var target))
        {
            if (target.Trim().Length == 0)
            {
                log.Errors.Add(new(requestsNode.Path, "must be off, stdout or the path of a file"));
            }
            else
            {
                requests = target;
            }
        }

        var format = RequestLogFormat.Combined;
        var formatNode = log.Node("format");
        if (formatNode.TryReadText(log.Errors, required: false, out var formatText))
        {
            switch (formatText)
            {
                case "combined":
                    break;
                case "json":
                    format = RequestLogFormat.Json;
                    break;
                default:
                    log.Errors.Add(new(formatNode.Path, $"must be combined or json (found {ObjectReader.Quote(formatText)})"));
                    break;
            }
        }

        return new LogSettings(requests, format);
    }
}
