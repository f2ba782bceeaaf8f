using System.Globalization;
using System.Text;

namespace Pharos.Model;

/// <summary>
/// Prometheus's duration syntax (<c>1y2w3d4h5m6s7ms</c>): units in descending order, each at most once, integer
/// amounts; a year is 365 days and a week 7 days. Used by flags, configuration files and PromQL alike.
/// </summary>
public static class PrometheusDuration
{
    private static readonly (string Unit, long Ms)[] Units =
    [
        ("y", 365L * 24 * 3600 * 1000),
        ("w", 7L * 24 * 3600 * 1000),
        ("d", 24L * 3600 * 1000),
        ("h", 3600L * 1000),
        ("m", 60L * 1000),
        ("s", 1000),
        ("ms", 1),
    ];

    /// <summary>Parses a duration such as <c>1h30m</c> or <c>0</c>.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="duration">The parsed duration.</param>
    /// <param name="error">Why parsing failed, or null.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse(string text, out TimeSpan duration, out string? error)
    {
        duration = TimeSpan.Zero;
        error = null;
        if (text == "0")
        {
            return true;
        }

        if (text.Length == 0)
        {
            error = "empty duration string";
            return false;
        }

        long totalMs = 0;
        var lastUnit = -1;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start)
            {
                error = $"not a valid duration string: \"{text}\"";
                return false;
            }

            if (!long.TryParse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                error = $"duration out of range: \"{text}\"";
                return false;
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetterLower(text[i]))
            {
                i++;
            }

            var unit = text.AsSpan(unitStart, i - unitStart);
            var unitIndex = -1;
            for (var u = 0; u < Units.Length; u++)
            {
                if (unit.SequenceEqual(Units[u].Unit))
                {
                    unitIndex = u;
                    break;
                }
            }

            if (unitIndex < 0 || unitIndex <= lastUnit)
            {
                error = $"not a valid duration string: \"{text}\"";
                return false;
            }

            lastUnit = unitIndex;
            try
            {
                totalMs = checked(totalMs + checked(amount * Units[unitIndex].Ms));
            }
            catch (OverflowException)
            {
                error = $"duration out of range: \"{text}\"";
                return false;
            }
        }

        if (totalMs > (long)TimeSpan.MaxValue.TotalMilliseconds)
        {
            error = $"duration out of range: \"{text}\"";
            return false;
        }

        duration = TimeSpan.FromMilliseconds(totalMs);
        return true;
    }

    /// <summary>Parses a duration or throws <see cref="FormatException"/>.</summary>
    /// <param name="text">The text to parse.</param>
    /// <returns>The duration.</returns>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var d, out var error) ? d : throw new FormatException(error);

    /// <summary>Formats as Prometheus does: largest units first, zero as <c>0s</c>.</summary>
    /// <param name="duration">The duration (whole milliseconds).</param>
    /// <returns>The text form, e.g. <c>1h30m</c>.</returns>
    public static string Format(TimeSpan duration)
    {
        var ms = (long)duration.TotalMilliseconds;
        if (ms == 0)
        {
            return "0s";
        }

        var sb = new StringBuilder();
        if (ms < 0)
        {
            sb.Append('-');
            ms = -ms;
        }

        foreach (var (unit, unitMs) in Units)
        {
            // Prometheus prints weeks and years only when they divide the whole duration.
            if ((unit == "y" || unit == "w") && ms % unitMs != 0)
            {
                continue;
            }

            var amount = ms / unitMs;
            if (amount > 0)
            {
                sb.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
                ms -= amount * unitMs;
            }
        }

        return sb.ToString();
    }
}
