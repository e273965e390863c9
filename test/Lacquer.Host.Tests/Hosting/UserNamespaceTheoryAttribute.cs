// A theory that needs a user namespace of its own (unshare --user): where the kernel or a container's seccomp
// profile refuses one, the theory is reported as skipped with that reason instead of failing on the missing
// capability. Probed once per test run by creating such a namespace.
using System.Diagnostics;

namespace Lacquer.Hosting;

public sealed class UserNamespaceTheoryAttribute : TheoryAttribute
{
    private static readonly Lazy<string?> Refusal = new(Probe);

    public UserNamespaceTheoryAttribute()
    {
        if (Refusal.Value is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>Null when `unshare --user --map-root-user true` succeeds, otherwise why not.</summary>
    private static string? Probe()
    {
        try
        {
            var start = new ProcessStartInfo("unshare") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in (string[])["--user", "--map-root-user", "true"])
            {
                start.ArgumentList.Add(argument);
            }

            using var probe = Process.Start(start)!;
            var error = probe.StandardError.ReadToEnd();
            if (!probe.WaitForExit(10_000))
            {
                probe.Kill();
                return "unshare --user did not finish within 10 s";
            }

            return probe.ExitCode == 0 ? null : $"this machine refuses a user namespace: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"unshare(1) cannot be run: {e.Message}";
        }
    }
}
