using System.Text;
using Microsoft.Extensions.Logging;

namespace Pharos.Exporters.Blackbox;

/// <summary>
/// The log of one probe: every line is kept for <c>debug=true</c> output and forwarded to the exporter's logger at
/// debug level (errors at their own level), as upstream's per-probe logger. Single-use.
/// </summary>
internal sealed class ProbeLogger(ILogger inner, string module, string target) : ILogger
{
    private readonly StringBuilder _lines = new();
    private readonly Lock _lock = new();

    /// <summary>The captured lines.</summary>
    public string Text
    {
        get
        {
            lock (_lock)
            {
                return _lines.ToString();
            }
        }
    }

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var message = formatter(state, exception);
        var level = logLevel switch
        {
            LogLevel.Error or LogLevel.Critical => "error",
            LogLevel.Warning => "warn",
            LogLevel.Debug or LogLevel.Trace => "debug",
            _ => "info",
        };
        lock (_lock)
        {
            _lines.Append("ts=").Append(DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture))
                .Append(" caller=probe level=").Append(level).Append(" module=").Append(module).Append(" target=").Append(target)
                .Append(" msg=\"").Append(message.Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"\n");
        }

        inner.Log(logLevel >= LogLevel.Error ? LogLevel.Debug : LogLevel.Debug, eventId, state, exception, formatter);
    }
}
