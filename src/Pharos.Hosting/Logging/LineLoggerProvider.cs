using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Pharos.Hosting.Logging;

/// <summary>Writes structured log lines (logfmt or JSON) to a <see cref="TextWriter"/>; one line per event, serialised by a lock.</summary>
public sealed class LineLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, LineLogger> _loggers = new(StringComparer.Ordinal);
    private readonly TextWriter _writer;
    private readonly LogFormat _format;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _writeLock = new();

    /// <summary>Creates the provider.</summary>
    /// <param name="writer">The destination, usually standard error.</param>
    /// <param name="format">The line format.</param>
    /// <param name="timeProvider">The clock for timestamps.</param>
    public LineLoggerProvider(TextWriter writer, LogFormat format, TimeProvider timeProvider)
    {
        _writer = writer;
        _format = format;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, name => new LineLogger(name, this));

    /// <inheritdoc />
    public void Dispose() => _writer.Flush();

    internal void Write(string category, LogLevel level, string message, IReadOnlyList<KeyValuePair<string, object?>> fields, Exception? exception)
    {
        var line = LogLineFormatter.Format(_format, _timeProvider.GetUtcNow(), level, category, message, fields, exception);
        lock (_writeLock)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    private sealed class LineLogger(string category, LineLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var fields = new List<KeyValuePair<string, object?>>();
            if (state is IReadOnlyList<KeyValuePair<string, object?>> pairs)
            {
                foreach (var pair in pairs)
                {
                    if (pair.Key != "{OriginalFormat}")
                    {
                        fields.Add(pair);
                    }
                }
            }

            provider.Write(category, logLevel, formatter(state, exception), fields, exception);
        }
    }
}
