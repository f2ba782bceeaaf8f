using System.CommandLine;
using Microsoft.Extensions.Logging;
using Pharos.Hosting.Flags;

namespace Pharos.Hosting.Logging;

/// <summary>The <c>--log.level</c> and <c>--log.format</c> flags every component accepts.</summary>
public sealed class LogFlags
{
    private readonly Option<string> _level;
    private readonly Option<string> _format;

    /// <summary>Adds the flags to <paramref name="flags"/>.</summary>
    /// <param name="flags">The command's flag set.</param>
    public LogFlags(FlagSet flags)
    {
        _level = flags.Enum("log.level", "info", "Only log messages with the given severity or above.", "debug", "info", "warn", "error");
        _format = flags.Enum("log.format", "logfmt", "Output format of log messages.", "logfmt", "json");
    }

    /// <summary>Creates a logger factory writing to standard error with the chosen level and format.</summary>
    /// <param name="result">The parse result holding the flag values.</param>
    /// <param name="timeProvider">The clock for timestamps.</param>
    /// <returns>The factory; dispose it at shutdown.</returns>
    public ILoggerFactory CreateLoggerFactory(ParseResult result, TimeProvider? timeProvider = null) =>
        CreateLoggerFactory(result.GetValue(_level) ?? "info", result.GetValue(_format) ?? "logfmt", Console.Error, timeProvider);

    /// <summary>Creates a logger factory writing to <paramref name="writer"/>.</summary>
    /// <param name="level">debug, info, warn or error.</param>
    /// <param name="format">logfmt or json.</param>
    /// <param name="writer">The destination.</param>
    /// <param name="timeProvider">The clock for timestamps.</param>
    /// <returns>The factory.</returns>
    public static ILoggerFactory CreateLoggerFactory(string level, string format, TextWriter writer, TimeProvider? timeProvider = null)
    {
        var minimum = level switch
        {
            "debug" => LogLevel.Debug,
            "warn" => LogLevel.Warning,
            "error" => LogLevel.Error,
            _ => LogLevel.Information,
        };
        var logFormat = format == "json" ? LogFormat.Json : LogFormat.Logfmt;
        return LoggerFactory.Create(b => b
            .SetMinimumLevel(minimum)
            .AddProvider(new LineLoggerProvider(writer, logFormat, timeProvider ?? TimeProvider.System)));
    }
}
