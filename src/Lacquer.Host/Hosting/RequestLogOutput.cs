// Opens the request log's output from log:requests: nothing for "off", standard output for "stdout",
// otherwise the named file, appended to and shared for reading (tail -f, log shippers). CannotOpen tells
// beforehand whether that file can be opened, so that start-up, check-config and a reload report an unusable
// path as a configuration error of log:requests rather than an exception while the server starts.
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

    /// <summary>
    /// Why the file <paramref name="requests"/> names cannot be opened for appending, or null when it can (or
    /// when it names no file). An existing file is opened for writing and closed unchanged; a missing one is
    /// created and deleted again at once, so the check leaves nothing behind.
    /// </summary>
    public static string? CannotOpen(string? requests)
    {
        if (string.IsNullOrWhiteSpace(requests) || requests == LogSettings.Off || requests == LogSettings.Stdout)
        {
            return null;
        }

        try
        {
            if (Directory.Exists(requests))
            {
                return $"cannot open {Quoted(requests)} for appending: it is a directory";
            }

            using var probe = File.Exists(requests)
                ? new FileStream(requests, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete)
                : new FileStream(requests, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.DeleteOnClose);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = exception switch
            {
                DirectoryNotFoundException => "its directory does not exist",
                UnauthorizedAccessException => "permission denied",
                _ => exception.Message,
            };
            return $"cannot open {Quoted(requests)} for appending: {reason}";
        }
    }

    private static string Quoted(string path) => $"\"{path}\"";
}
