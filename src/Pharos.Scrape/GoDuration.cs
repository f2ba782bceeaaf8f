using System.Globalization;
using System.Text;

namespace Pharos.Scrape;

/// <summary>Formats a duration as Go's <c>time.Duration.String</c> (<c>15s</c>, <c>1m0s</c>, <c>500ms</c>), the form upstream uses in label values.</summary>
internal static class GoDuration
{
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var sb = new StringBuilder();
        if (duration < TimeSpan.Zero)
        {
            sb.Append('-');
            duration = duration.Negate();
        }

        if (duration < TimeSpan.FromSeconds(1))
        {
            var ms = duration.TotalMilliseconds;
            return ms >= 1
                ? sb.Append(ms.ToString("0.######", CultureInfo.InvariantCulture)).Append("ms").ToString()
                : sb.Append((duration.Ticks / 10.0).ToString("0.###", CultureInfo.InvariantCulture)).Append("µs").ToString();
        }

        var hours = (long)duration.TotalHours;
        var minutes = duration.Minutes;
        var seconds = duration.TotalSeconds - (hours * 3600) - (minutes * 60);
        if (hours > 0)
        {
            sb.Append(hours).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            sb.Append(minutes).Append('m');
        }

        return sb.Append(seconds.ToString("0.#########", CultureInfo.InvariantCulture)).Append('s').ToString();
    }
}
