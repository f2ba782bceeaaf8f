using System.Globalization;
using System.Text;

namespace Pharos.Templating;

/// <summary>Go's <c>time.Duration.String</c>, <c>time.Time.String</c> and <c>time.Time.Format</c> layouts.</summary>
internal static class GoTime
{
    public static string FormatDuration(TimeSpan duration)
    {
        // Go's Duration is nanoseconds; TimeSpan ticks are 100 ns.
        var ns = duration.Ticks * 100;
        if (ns == 0)
        {
            return "0s";
        }

        var negative = ns < 0;
        var u = negative ? (ulong)(-ns) : (ulong)ns;
        var sb = new StringBuilder();
        if (u < 1_000_000_000)
        {
            var (unit, scale) = u < 1_000 ? ("ns", 1UL) : u < 1_000_000 ? ("µs", 1_000UL) : ("ms", 1_000_000UL);
            sb.Append(Fraction(u, scale)).Append(unit);
        }
        else
        {
            var totalSeconds = u / 1_000_000_000;
            var hours = totalSeconds / 3600;
            var minutes = totalSeconds / 60 % 60;
            if (hours > 0)
            {
                sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
            }

            if (hours > 0 || minutes > 0)
            {
                sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
            }

            sb.Append(Fraction(u % 60_000_000_000, 1_000_000_000)).Append('s');
        }

        return (negative ? "-" : "") + sb;
    }

    private static string Fraction(ulong value, ulong scale)
    {
        var whole = value / scale;
        var frac = value % scale;
        if (frac == 0)
        {
            return whole.ToString(CultureInfo.InvariantCulture);
        }

        var digits = scale.ToString(CultureInfo.InvariantCulture).Length - 1;
        return whole.ToString(CultureInfo.InvariantCulture) + "." + frac.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
    }

    /// <summary>Go's default <c>Time.String</c> form.</summary>
    public static string FormatTime(DateTimeOffset time) => Format(time, "2006-01-02 15:04:05.999999999 -0700 MST");

    /// <summary>Formats <paramref name="time"/> with a Go reference-time layout.</summary>
    public static string Format(DateTimeOffset time, string layout)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < layout.Length)
        {
            var rest = layout.AsSpan(i);
            if (TryToken(rest, time, sb, out var consumed))
            {
                i += consumed;
            }
            else
            {
                sb.Append(layout[i++]);
            }
        }

        return sb.ToString();
    }

    private static bool TryToken(ReadOnlySpan<char> s, DateTimeOffset t, StringBuilder sb, out int consumed)
    {
        var inv = CultureInfo.InvariantCulture;
        (string Token, Func<string> Render)[] tokens =
        [
            ("January", () => t.ToString("MMMM", inv)),
            ("Jan", () => t.ToString("MMM", inv)),
            ("Monday", () => t.ToString("dddd", inv)),
            ("Mon", () => t.ToString("ddd", inv)),
            ("MST", () => ZoneName(t)),
            ("2006", () => t.Year.ToString("D4", inv)),
            ("-07:00:00", () => Offset(t, ":", seconds: true)),
            ("-0700", () => Offset(t, "", seconds: false)),
            ("-07:00", () => Offset(t, ":", seconds: false)),
            ("-07", () => Offset(t, "", seconds: false)[..3]),
            ("Z07:00", () => t.Offset == TimeSpan.Zero ? "Z" : Offset(t, ":", seconds: false)),
            ("Z0700", () => t.Offset == TimeSpan.Zero ? "Z" : Offset(t, "", seconds: false)),
            ("Z07", () => t.Offset == TimeSpan.Zero ? "Z" : Offset(t, "", seconds: false)[..3]),
            ("002", () => t.DayOfYear.ToString("D3", inv)),
            ("01", () => t.Month.ToString("D2", inv)),
            ("02", () => t.Day.ToString("D2", inv)),
            ("_2", () => t.Day.ToString(inv).PadLeft(2)),
            ("06", () => (t.Year % 100).ToString("D2", inv)),
            ("15", () => t.Hour.ToString("D2", inv)),
            ("03", () => Hour12(t).ToString("D2", inv)),
            ("04", () => t.Minute.ToString("D2", inv)),
            ("05", () => t.Second.ToString("D2", inv)),
            ("PM", () => t.Hour >= 12 ? "PM" : "AM"),
            ("pm", () => t.Hour >= 12 ? "pm" : "am"),
            ("1", () => t.Month.ToString(inv)),
            ("2", () => t.Day.ToString(inv)),
            ("3", () => Hour12(t).ToString(inv)),
            ("4", () => t.Minute.ToString(inv)),
            ("5", () => t.Second.ToString(inv)),
        ];

        if (s.Length >= 2 && s[0] is '.' or ',' && s[1] is '0' or '9')
        {
            var n = 1;
            while (n < s.Length && s[n] == s[1])
            {
                n++;
            }

            // Fractional seconds only when not followed by another digit, as Go's layout parser requires.
            if (n >= s.Length || !char.IsAsciiDigit(s[n]))
            {
                var digits = Math.Min(n - 1, 9);
                var nanos = (t.Ticks % TimeSpan.TicksPerSecond * 100).ToString("D9", inv)[..digits];
                if (s[1] == '9')
                {
                    nanos = nanos.TrimEnd('0');
                    if (nanos.Length > 0)
                    {
                        sb.Append(s[0]).Append(nanos);
                    }
                }
                else
                {
                    sb.Append(s[0]).Append(nanos);
                }

                consumed = n;
                return true;
            }
        }

        foreach (var (token, render) in tokens)
        {
            if (s.StartsWith(token, StringComparison.Ordinal))
            {
                sb.Append(render());
                consumed = token.Length;
                return true;
            }
        }

        consumed = 0;
        return false;
    }

    private static int Hour12(DateTimeOffset t) => t.Hour % 12 == 0 ? 12 : t.Hour % 12;

    private static string Offset(DateTimeOffset t, string separator, bool seconds)
    {
        var offset = t.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        var text = $"{sign}{offset.Hours:D2}{separator}{offset.Minutes:D2}";
        return seconds ? text + separator + offset.Seconds.ToString("D2", CultureInfo.InvariantCulture) : text;
    }

    // Go prints the zone abbreviation; without zone data it prints the offset, as for a fixed zone without a name.
    private static string ZoneName(DateTimeOffset t)
    {
        if (t.Offset == TimeSpan.Zero)
        {
            return "UTC";
        }

        var text = Offset(t, "", seconds: false);
        return text.EndsWith("00", StringComparison.Ordinal) ? text[..3] : text;
    }
}
