using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Pharos.PromQL.Engine;

/// <summary>
/// Appends one JSON line per executed query to a file (upstream's query log, <c>global.query_log_file</c>):
/// <c>{"params":{"end":…,"query":…,"start":…,"step":…},"stats":{"timings":{…},"samples":{…}},"ts":…}</c>, plus an
/// <c>error</c> field for failed queries and the <see cref="QueryOptions.Origin"/> fields, keys in upstream's
/// alphabetical order. Thread-safe; whoever creates it disposes it, after detaching it with
/// <see cref="PromQLEngine.SetQueryLogger"/>.
/// </summary>
public sealed class QueryLogger : IDisposable
{
    // Queries are full of quotes, '+' and '<': escaping only what JSON requires keeps the log readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock _lock = new();
    private readonly FileStream _file;
    private readonly TimeProvider _time;
    private readonly ArrayBufferWriter<byte> _line = new();
    private bool _disposed;

    /// <summary>Opens (or creates) the log file for appending.</summary>
    /// <param name="path">The file; its directory must exist.</param>
    /// <param name="timeProvider">The clock for the <c>ts</c> field; the system clock when null.</param>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public QueryLogger(string path, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        _time = timeProvider ?? TimeProvider.System;
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
    }

    /// <summary>The log file's path.</summary>
    public string Path { get; }

    /// <summary>Writes the line of one query; does nothing once disposed.</summary>
    /// <param name="query">The query text as given.</param>
    /// <param name="startMs">The start (the evaluation time of an instant query).</param>
    /// <param name="endMs">The end (the evaluation time of an instant query).</param>
    /// <param name="stepMs">The step; 0 for an instant query.</param>
    /// <param name="error">The error message of a failed query, or null.</param>
    /// <param name="stats">The query's statistics.</param>
    /// <param name="origin">Extra top-level fields, or null.</param>
    /// <exception cref="IOException">The line could not be written.</exception>
    public void Log(string query, long startMs, long endMs, long stepMs, string? error, QueryStats stats, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? origin)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(stats);
        var keys = new List<string> { "params", "stats", "ts" };
        if (error is not null)
        {
            keys.Add("error");
        }

        if (origin is not null)
        {
            keys.AddRange(origin.Keys.Where(k => !keys.Contains(k)));
        }

        keys.Sort(StringComparer.Ordinal);
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _line.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(_line, WriterOptions))
            {
                writer.WriteStartObject();
                foreach (var key in keys)
                {
                    writer.WritePropertyName(key);
                    switch (key)
                    {
                        case "params":
                            writer.WriteStartObject();
                            writer.WriteString("end", FormatDate(endMs));
                            writer.WriteString("query", query);
                            writer.WriteString("start", FormatDate(startMs));
                            // Upstream logs the step in whole seconds.
                            writer.WriteNumber("step", stepMs / 1000);
                            writer.WriteEndObject();
                            break;
                        case "stats":
                            stats.WriteJson(writer);
                            break;
                        case "ts":
                            writer.WriteStringValue(_time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture));
                            break;
                        case "error":
                            writer.WriteStringValue(error);
                            break;
                        default:
                            writer.WriteStartObject();
                            foreach (var (name, value) in origin![key])
                            {
                                writer.WriteString(name, value);
                            }

                            writer.WriteEndObject();
                            break;
                    }
                }

                writer.WriteEndObject();
            }

            _line.Write("\n"u8);
            _file.Write(_line.WrittenSpan);
            _file.Flush();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _file.Dispose();
        }
    }

    /// <summary>Upstream's date format in the query log: UTC with milliseconds.</summary>
    private static string FormatDate(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffK", CultureInfo.InvariantCulture);
}
