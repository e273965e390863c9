// The file trigger of a configuration reload: writing the configuration file makes the server re-read it once
// the writes have settled (ReloadTriggers). Waits on the reload itself, bounded, never a fixed sleep.
using Microsoft.Extensions.Logging.Abstractions;

namespace Lacquer.Hosting;

public sealed class ReloadTriggersTests
{
    [Fact]
    public async Task Writing_The_Configuration_File_Triggers_A_Reload()
    {
        var directory = Directory.CreateTempSubdirectory("lacquer-reload-");
        try
        {
            var file = Path.Combine(directory.FullName, "lacquer.json");
            await File.WriteAllTextAsync(file, "{}");
            var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var triggers = new ReloadTriggers(file, () => reloaded.TrySetResult(), TimeProvider.System, NullLogger.Instance);
            Assert.False(reloaded.Task.IsCompleted);

            await File.WriteAllTextAsync(file, """{"cache":{"maxBytes":"1MB"}}""");

            await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
