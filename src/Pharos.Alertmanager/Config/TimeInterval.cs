using System.Globalization;

namespace Pharos.Alertmanager.Config;

/// <summary>
/// One entry of a named time interval: every non-empty list must contain the instant (in <see cref="Location"/>)
/// for the interval to contain it. Ranges are inclusive except <see cref="Times"/>, whose end minute is exclusive,
/// as upstream's <c>timeinterval</c> package.
/// </summary>
public sealed class TimeInterval
{
    private static readonly string[] WeekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
    private static readonly string[] MonthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>Minute-of-day ranges, start inclusive, end exclusive.</summary>
    public IReadOnlyList<(int StartMinute, int EndMinute)> Times { get; init; } = [];

    /// <summary>Weekday ranges, 0 = Sunday.</summary>
    public IReadOnlyList<(int Begin, int End)> Weekdays { get; init; } = [];

    /// <summary>Day-of-month ranges; negative values count from the month's end (-1 is the last day).</summary>
    public IReadOnlyList<(int Begin, int End)> DaysOfMonth { get; init; } = [];

    /// <summary>Month ranges, 1 = January.</summary>
    public IReadOnlyList<(int Begin, int End)> Months { get; init; } = [];

    /// <summary>Year ranges.</summary>
    public IReadOnlyList<(int Begin, int End)> Years { get; init; } = [];

    /// <summary>The time zone the instant is converted to; UTC by default.</summary>
    public TimeZoneInfo Location { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Whether the interval contains <paramref name="instant"/>.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>True when every present constraint holds.</returns>
    public bool Contains(DateTimeOffset instant)
    {
        var t = TimeZoneInfo.ConvertTime(instant, Location);
        if (Times.Count > 0)
        {
            var minute = (t.Hour * 60) + t.Minute;
            if (!Times.Any(r => minute >= r.StartMinute && minute < r.EndMinute))
            {
                return false;
            }
        }

        if (DaysOfMonth.Count > 0)
        {
            var days = DateTime.DaysInMonth(t.Year, t.Month);
            if (!DaysOfMonth.Any(r => InRange(t.Day, Absolute(r.Begin, days), Absolute(r.End, days))))
            {
                return false;
            }
        }

        return (Weekdays.Count == 0 || Weekdays.Any(r => InRange((int)t.DayOfWeek, r.Begin, r.End)))
            && (Months.Count == 0 || Months.Any(r => InRange(t.Month, r.Begin, r.End)))
            && (Years.Count == 0 || Years.Any(r => InRange(t.Year, r.Begin, r.End)));
    }

    internal static TimeInterval Read(YamlMap m)
    {
        var interval = new TimeInterval
        {
            Times = m.List("times", (node, path) => ReadTimeRange(m.Open(node, path, "timeinterval.TimeRange"))) ?? [],
            Weekdays = Ranges(m, "weekdays", s => Named(s, WeekdayNames, 0), 0, 6, "weekday"),
            DaysOfMonth = Ranges(m, "days_of_month", ParseInt, -31, 31, "day of month"),
            Months = Ranges(m, "months", s => Named(s, MonthNames, 1), 1, 12, "month"),
            Years = Ranges(m, "years", ParseInt, 0, 9999, "year"),
            Location = ReadLocation(m),
        };
        foreach (var (b, e) in interval.DaysOfMonth)
        {
            if (b == 0 || e == 0)
            {
                throw m.Error("days_of_month", "0 is not a valid day of the month");
            }
        }

        m.Finish();
        return interval;
    }

    private static int Absolute(int day, int daysInMonth) => day < 0 ? daysInMonth + day + 1 : day;

    private static bool InRange(int value, int begin, int end) => value >= begin && value <= end;

    private static int? ParseInt(string s) => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static int? Named(string s, string[] names, int first)
    {
        var i = Array.IndexOf(names, s.ToLowerInvariant());
        return i >= 0 ? i + first : ParseInt(s);
    }

    private static (int, int) ReadTimeRange(YamlMap m)
    {
        var start = ParseClock(m, "start_time");
        var end = ParseClock(m, "end_time");
        m.Finish();
        if (start >= end)
        {
            throw m.Error("start time cannot be equal or greater than end time");
        }

        return (start, end);
    }

    private static int ParseClock(YamlMap m, string key)
    {
        var text = m.String(key) ?? throw m.Error(key, "both start and end times must be provided");
        var parts = text.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var h) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var min)
            || h < 0 || h > 24 || min < 0 || min > 59 || (h == 24 && min != 0))
        {
            throw m.Error(key, $"couldn't parse timestamp {text}, invalid format");
        }

        return (h * 60) + min;
    }

    private static List<(int, int)> Ranges(YamlMap m, string key, Func<string, int?> parse, int min, int max, string what)
    {
        var result = new List<(int, int)>();
        foreach (var text in m.StringList(key) ?? [])
        {
            var parts = text.Split(':');
            var begin = parse(parts[0].Trim());
            var end = parts.Length == 2 ? parse(parts[1].Trim()) : begin;
            if (parts.Length > 2 || begin is null || end is null)
            {
                throw m.Error(key, $"invalid {what} range: {text}");
            }

            if (begin < min || begin > max || end < min || end > max)
            {
                throw m.Error(key, $"{text} is not a valid {what}");
            }

            // Mixed signs cannot be compared before the month is known.
            if ((begin >= 0) == (end >= 0) && begin > end)
            {
                throw m.Error(key, $"start day cannot be before end day: {text}");
            }

            result.Add((begin.Value, end.Value));
        }

        return result;
    }

    private static TimeZoneInfo ReadLocation(YamlMap m)
    {
        var name = m.String("location");
        if (string.IsNullOrEmpty(name) || name == "UTC")
        {
            return TimeZoneInfo.Utc;
        }

        if (name == "Local")
        {
            return TimeZoneInfo.Local;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw m.Error("location", $"unknown time zone {name}");
        }
    }
}
