using System.Text;
using System.Text.Json;
using Pharos.Templating.Functions;
using Pharos.Templating.Prometheus;
using Pharos.Templating.Values;

namespace Pharos.Templating.Alertmanager;

/// <summary>Alertmanager's notification template functions (its <c>template.DefaultFuncs</c>).</summary>
public static class AlertmanagerFunctions
{
    /// <summary>Go's built-ins plus Alertmanager's functions.</summary>
    /// <returns>A new table.</returns>
    public static TemplateFunctions Create()
    {
        var table = TemplateFunctions.CreateBuiltins();
        AddTo(table);
        return table;
    }

    /// <summary>Adds Alertmanager's functions to <paramref name="table"/>.</summary>
    /// <param name="table">The table to extend.</param>
    public static void AddTo(TemplateFunctions table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Add("toUpper", 1, 1, (_, a) => Args.String(a, 0).ToUpperInvariant())
            .Add("toLower", 1, 1, (_, a) => Args.String(a, 0).ToLowerInvariant())
            .Add("title", 1, 1, (_, a) => TextCase.Title(Args.String(a, 0), lowerRest: true))
            .Add("trimSpace", 1, 1, (_, a) => Args.String(a, 0).Trim(' ', '\t', '\n', '\r', '\v', '\f'))
            .Add("join", 2, 2, (_, a) => string.Join(Args.String(a, 0), Args.StringList(a, 1)))
            .Add("match", 2, 2, (_, a) => GoRegex.IsMatch(Args.String(a, 0), Args.String(a, 1)))
            .Add("safeHtml", 1, 1, (_, a) => new SafeHtml(Args.String(a, 0)))
            .Add("safeUrl", 1, 1, (_, a) => new SafeUrl(Args.String(a, 0)))
            .Add("reReplaceAll", 3, 3, (_, a) => GoRegex.ReplaceAll(Args.String(a, 0), Args.String(a, 1), Args.String(a, 2)))
            .Add("stringSlice", 0, -1, (_, a) => Enumerable.Range(0, a.Count).Select(i => Args.String(a, i)).ToList())
            .Add("date", 2, 2, (_, a) => GoTime.Format(Time(a[1]), Args.String(a, 0)))
            .Add("tz", 2, 2, (_, a) => InZone(Args.String(a, 0), Time(a[1])))
            .Add("since", 1, 1, (ctx, a) => ctx.TimeProvider.GetUtcNow() - Time(a[0]))
            .Add("humanizeDuration", 1, 1, (_, a) => PrometheusFunctions.HumanizeDuration(Args.Float(a[0])))
            .Add("toJson", 1, 1, (_, a) => ToJson(a[0]));
    }

    private static DateTimeOffset Time(object? value) => value switch
    {
        DateTimeOffset t => t,
        DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
        _ => throw Args.WrongType("time.Time", value),
    };

    private static DateTimeOffset InZone(string name, DateTimeOffset time)
    {
        try
        {
            var zone = name is "" or "UTC" ? TimeZoneInfo.Utc : name == "Local" ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(name);
            return TimeZoneInfo.ConvertTime(time, zone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new TemplateFunctionException($"unknown time zone {name}");
        }
    }

    private static string ToJson(object? value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteJson(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case DateTimeOffset t:
                writer.WriteStringValue(t);
                break;
            case SafeHtml or SafeUrl:
                writer.WriteStringValue(value.ToString());
                break;
            case var _ when GoValues.IsInt(value):
                writer.WriteNumberValue(GoValues.ToInt64(value));
                break;
            case var _ when GoValues.SortedEntries(value) is { } entries:
                writer.WriteStartObject();
                foreach (var (k, v) in entries)
                {
                    writer.WritePropertyName(GoFormat.FormatValue(k));
                    WriteJson(writer, v);
                }

                writer.WriteEndObject();
                break;
            case var _ when GoValues.AsList(value) is { } list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(GoFormat.FormatValue(value));
                break;
        }
    }
}
