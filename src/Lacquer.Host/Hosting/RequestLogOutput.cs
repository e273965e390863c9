// Opens the request log's output from log:requests: nothing for "off", standard output for "stdout",
// otherwise the named file, appended to and shared for reading (tail -f, log shippers).
using Lacquer.Configuration;
using Lacquer.Diagnostics;

namespace Lacquer.Hosting;

internal static class RequestLogOutput
{
    public static RequestLog? Open(LogSettings settings)
    {
        if (settings.Requests == LogSettings.Off)
        {
            return null;
        }

        if (settings.Requests == LogSettings.Stdout)
        {
            return new RequestLog(Console.OpenStandardOutput(), settings.Format, ownsOutput: false); // the process's, not ours to close
        }

        var file = new FileStream(settings.Requests, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, useAsync: true);
        return new RequestLog(file, settings.Format);
    }
}
