using Microsoft.Extensions.Logging;

namespace Lacquer.Harness;

/// <summary>One line kept by <see cref="CapturedLog"/>.</summary>
internal sealed record LogLine(string Category, LogLevel Level, int EventId, string Message);
