using Pharos.Templating.Values;

namespace Pharos.Templating.Execution;

/// <summary>
/// The methods of Go's <c>time.Time</c> and <c>time.Duration</c> that notification templates call
/// (<c>.StartsAt.Format</c>, <c>.StartsAt.Unix</c>, <c>(since .StartsAt).Minutes</c>), for the C# types that stand in
/// for them.
/// </summary>
internal static class GoMethods
{
    public static bool TryInvoke(object receiver, string name, List<object?> args, out object? result, out string? error)
    {
        error = null;
        result = null;
        switch (receiver)
        {
            case DateTimeOffset time:
                return TryTime(time, name, args, out result, out error);
            case DateTime dt:
                return TryTime(new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)), name, args, out result, out error);
            case TimeSpan duration:
                return TryDuration(duration, name, args, out result);
            default:
                return false;
        }
    }

    private static bool TryTime(DateTimeOffset time, string name, List<object?> args, out object? result, out string? error)
    {
        error = null;
        result = (name, args.Count) switch
        {
            ("Format", 1) when args[0] is string layout => GoTime.Format(time, layout),
            ("String", 0) => GoTime.FormatTime(time),
            ("Unix", 0) => time.ToUnixTimeSeconds(),
            ("UnixMilli", 0) => time.ToUnixTimeMilliseconds(),
            ("UnixNano", 0) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100,
            ("UTC", 0) => time.ToUniversalTime(),
            ("Local", 0) => time.ToLocalTime(),
            ("IsZero", 0) => time == default || time == DateTimeOffset.MinValue,
            ("Year", 0) => (long)time.Year,
            ("Month", 0) => (long)time.Month,
            ("Day", 0) => (long)time.Day,
            ("Hour", 0) => (long)time.Hour,
            ("Minute", 0) => (long)time.Minute,
            ("Second", 0) => (long)time.Second,
            ("YearDay", 0) => (long)time.DayOfYear,
            ("Weekday", 0) => time.DayOfWeek.ToString(),
            ("Add", 1) when args[0] is TimeSpan d => time + d,
            ("Sub", 1) when args[0] is DateTimeOffset other => time - other,
            ("Before", 1) when args[0] is DateTimeOffset other => time < other,
            ("After", 1) when args[0] is DateTimeOffset other => time > other,
            ("Equal", 1) when args[0] is DateTimeOffset other => time == other,
            _ => NoMethod,
        };
        if (ReferenceEquals(result, NoMethod))
        {
            result = null;
            if (IsTimeMethod(name))
            {
                error = $"wrong arguments for time.Time.{name}: {string.Join(", ", args.Select(GoValues.TypeName))}";
                return true;
            }

            return false;
        }

        return true;
    }

    private static bool TryDuration(TimeSpan duration, string name, List<object?> args, out object? result)
    {
        result = (name, args.Count) switch
        {
            ("Seconds", 0) => duration.TotalSeconds,
            ("Minutes", 0) => duration.TotalMinutes,
            ("Hours", 0) => duration.TotalHours,
            ("Milliseconds", 0) => (long)duration.TotalMilliseconds,
            ("Microseconds", 0) => duration.Ticks / 10,
            ("Nanoseconds", 0) => duration.Ticks * 100,
            ("String", 0) => GoTime.FormatDuration(duration),
            ("Abs", 0) => duration.Duration(),
            ("Round", 1) when args[0] is TimeSpan m && m > TimeSpan.Zero => TimeSpan.FromTicks((long)Math.Round(duration.Ticks / (double)m.Ticks, MidpointRounding.AwayFromZero) * m.Ticks),
            ("Truncate", 1) when args[0] is TimeSpan m && m > TimeSpan.Zero => TimeSpan.FromTicks(duration.Ticks / m.Ticks * m.Ticks),
            _ => NoMethod,
        };
        if (ReferenceEquals(result, NoMethod))
        {
            result = null;
            return false;
        }

        return true;
    }

    private static readonly object NoMethod = new();

    private static bool IsTimeMethod(string name) => name is "Format" or "Add" or "Sub" or "Before" or "After" or "Equal";
}
