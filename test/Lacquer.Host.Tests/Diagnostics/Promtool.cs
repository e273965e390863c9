// Runs Prometheus's own linter, `promtool check metrics`, on an exposition. promtool comes from Debian's
// prometheus package; ./test.sh installs it when missing.
using System.ComponentModel;
using System.Diagnostics;

namespace Lacquer.Diagnostics;

internal static class Promtool
{
    /// <summary>Fails the test with promtool's findings, or with how to install promtool when it is missing.</summary>
    public static async Task ExpectValid(string exposition)
    {
        var start = new ProcessStartInfo("promtool")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("check");
        start.ArgumentList.Add("metrics");
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception exception)
        {
            Assert.Fail($"Could not start promtool ({exception.Message}): run ./test.sh, which installs it, or `apt-get install -y prometheus`.");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(exposition);
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"promtool check metrics exited with {process.ExitCode}:\n{await stdout}{await stderr}\n--- exposition ---\n{exposition}");
        }
    }
}
