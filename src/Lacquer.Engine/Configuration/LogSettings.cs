using Lacquer.Diagnostics;

namespace Lacquer.Configuration;

/// <summary>
/// <c>log</c>: the request log. <see cref="Requests"/> is <c>off</c> (the default), <c>stdout</c> or the path
/// of a file that lines are appended to; <see cref="Format"/> is combined (the default) or json.
/// </summary>
internal sealed record LogSettings(string Requests, RequestLogFormat Format)
{
    public const string Off = "off";

    public const string Stdout = "stdout";

    public static LogSettings Default { get; } = new(Off, RequestLogFormat.Combined);
}
