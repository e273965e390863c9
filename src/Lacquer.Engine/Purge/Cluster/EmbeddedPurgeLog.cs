// The single-node purge log: nothing to share, so every purge is confirmed as soon as this node applied it
// (PurgeService does that before it asks the log), whatever the wait mode; the gate never closes.
using System.Text.Json;
using Lacquer.Configuration;
using Lacquer.Purge;

namespace Lacquer.Purge.Cluster;

internal sealed class EmbeddedPurgeLog : IPurgeLog
{
    public static EmbeddedPurgeLog Instance { get; } = new();

    public ServeGate Gate => ServeGate.AlwaysOpen;

    public bool IsShared => false;

    public string NodeId => string.Empty;

    public ValueTask<ClusterOutcome> ShareAsync(PurgeCommand command, PurgeRecord record, PurgeWait? wait, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ClusterOutcome.Success);

    public void WriteState(Utf8JsonWriter writer) => writer.WriteBoolean("enabled", false);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
