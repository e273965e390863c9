// A logger provider that keeps every line, for tests that assert what was logged (an operator-visible
// contract, e.g. the reference server's "Cache cleared"). Pass Add to Conversation.StartAsync's logging; it
// keeps Information and above unless constructed with a lower minimum (Debug events such as "not stored").
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Lacquer.Harness;

internal sealed class CapturedLog(LogLevel minimum = LogLevel.Information) : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyCollection<LogLine> Lines => _lines;

    public void Add(ILoggingBuilder builder)
    {
        builder.SetMinimumLevel(minimum);
        builder.AddProvider(this);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log._lines.Enqueue(new LogLine(category, logLevel, eventId.Id, formatter(state, exception)));
    }
}
