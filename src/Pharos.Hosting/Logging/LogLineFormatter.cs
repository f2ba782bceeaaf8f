using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Pharos.Hosting.Logging;

/// <summary>Formats one log event as a logfmt or JSON line with the keys upstream uses: time, level, component, msg.</summary>
public static class LogLineFormatter
{
    /// <summary>Formats one event.</summary>
    /// <param name="format">logfmt or JSON.</param>
    /// <param name="time">The event time.</param>
    /// <param name="level">The severity.</param>
    /// <param name="category">The logger category, printed as <c>component</c>.</param>
    /// <param name="message">The rendered message.</param>
    /// <param name="fields">Structured fields.</param>
    /// <param name="exception">An exception, printed as <c>err</c>.</param>
    /// <returns>The line without a newline.</returns>
    public static string Format(LogFormat format, DateTimeOffset time, LogLevel level, string category, string message,
        IReadOnlyList<KeyValuePair<string, object?>> fields, Exception? exception)
    {
        var all = new List<KeyValuePair<string, string>>(fields.Count + 5)
        {
            new("time", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
            new("level", LevelName(level)),
            new("component", category),
            new("msg", message),
        };
        foreach (var field in fields)
        {
            all.Add(new(field.Key, Convert.ToString(field.Value, CultureInfo.InvariantCulture) ?? string.Empty));
        }

        if (exception is not null)
        {
            all.Add(new("err", exception.Message));
        }

        return format == LogFormat.Json ? Json(all) : Logfmt(all);
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        _ => "error",
    };

    private static string Json(List<KeyValuePair<string, string>> fields)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            foreach (var (key, value) in fields)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Logfmt(List<KeyValuePair<string, string>> fields)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in fields)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(key).Append('=');
            if (value.Length > 0 && !value.AsSpan().ContainsAny(" =\"\\\n\t"))
            {
                sb.Append(value);
                continue;
            }

            sb.Append('"');
            foreach (var ch in value)
            {
                switch (ch)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append(@"\\"); break;
                    case '\n': sb.Append(@"\n"); break;
                    case '\t': sb.Append(@"\t"); break;
                    default: sb.Append(ch); break;
                }
            }

            sb.Append('"');
        }

        return sb.ToString();
    }
}
